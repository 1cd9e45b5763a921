import * as aws from "../aws-sdk";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedCustomImage } from "../resolve/foundation-types";
import { TOKENS } from "../tokens";
import { pinnedReference, taggedReference } from "./build";

/** Arguments of {@link CustomImage}. */
export interface CustomImageArgs {
  /** The resolved image: build context, Dockerfile, build arguments, platform and content tag. */
  readonly image: ResolvedCustomImage;
  /**
   * URL of the ECR repository the image is pushed to (`<host>/<repository>`), e.g. the repository's
   * `repositoryUrl`: the push waits for the repository through it.
   */
  readonly repositoryUrl: pulumi.Input<string>;
  /** The registry's host, `<account>.dkr.ecr.<region>.amazonaws.com`: where Docker logs in. */
  readonly registryHost: string;
  /** Account id of the registry (its `registryId`), whose authorization token the push uses. */
  readonly registryId: pulumi.Input<string>;
}

/**
 * A custom serving image, built from its Dockerfile in the repository with `@pulumi/docker` and pushed
 * to its ECR repository under its content tag. The build runs on `pulumi up` only (never on preview,
 * never under the plan's mock engine) on the machine running Pulumi, which needs a Docker engine with
 * BuildKit. The registry login is a short-lived ECR authorization token fetched on every run, kept
 * secret. {@link reference} pins the pushed digest for the pods.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html
 */
export class CustomImage extends pulumi.ComponentResource {
  /** The pushed `<host>/<repository>:<tag>`. */
  readonly imageName: pulumi.Output<string>;
  /** `<host>/<repository>@sha256:<digest>`, as the registry returned it after the push. */
  readonly repoDigest: pulumi.Output<string>;
  /** What pods run: `<host>/<repository>:<tag>@sha256:<digest>`. */
  readonly reference: pulumi.Output<string>;

  constructor(name: string, args: CustomImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.customImage, name, {}, opts);
    const { image } = args;
    // Valid for 12 hours and fetched on every run; the password never leaves Pulumi's secret handling.
    const token = aws.ecr.getAuthorizationTokenOutput({ registryId: args.registryId }, { parent: this });
    const built = new docker.Image(
      `${name}-image`,
      {
        imageName: pulumi.output(args.repositoryUrl).apply((url) => taggedReference(url, image.tag)),
        build: {
          context: image.context,
          dockerfile: image.dockerfile,
          args: { ...image.buildArgs },
          platform: image.platform,
          builderVersion: "BuilderBuildKit",
        },
        registry: {
          server: args.registryHost,
          username: token.userName,
          password: pulumi.secret(token.password),
        },
        skipPush: false,
        // Previews (and CI without a Docker engine) never build; CI builds the Dockerfile in its own job.
        buildOnPreview: false,
      },
      { parent: this },
    );
    this.imageName = built.imageName;
    this.repoDigest = built.repoDigest;
    this.reference = pulumi.all([built.imageName, built.repoDigest]).apply(([imageName, repoDigest]) => pinnedReference(imageName, repoDigest));
    this.registerOutputs({ imageName: this.imageName, repoDigest: this.repoDigest, reference: this.reference });
  }
}
