/**
 * What the plan's mock engine answers for custom image builds: nothing is built or pushed, but the
 * `@pulumi/docker` Image reports the outputs a push would (a `repoDigest` derived from the image's
 * name, so two plans are byte-identical), and the ECR authorization token invoke returns an obvious
 * placeholder, never anything shaped like a real credential.
 */
import { createHash } from "node:crypto";

/** The Pulumi type of `@pulumi/docker`'s Image. */
export const DOCKER_IMAGE_TYPE = "docker:index/image:Image";

/** The invoke token of `aws.ecr.getAuthorizationToken`. */
export const ECR_AUTHORIZATION_TOKEN = "aws:ecr/getAuthorizationToken:getAuthorizationToken";

/** The stand-in password of the plan's ECR login; tests assert it never reaches a plan file. */
export const PLAN_ECR_PASSWORD = "inferstack-plan-placeholder-ecr-password";

/** A docker Image's state after a (pretended) push: its inputs plus the repository digest. */
export function dockerImageMockState(inputs: Record<string, unknown>): Record<string, unknown> {
  const imageName = String(inputs.imageName ?? "");
  const colon = imageName.lastIndexOf(":");
  const repository = colon > imageName.lastIndexOf("/") ? imageName.slice(0, colon) : imageName;
  const build = (inputs.build as Record<string, unknown> | undefined) ?? {};
  const digest = createHash("sha256").update(`plan#${imageName}`).digest("hex");
  return {
    ...inputs,
    baseImageName: imageName,
    context: build.context,
    dockerfile: build.dockerfile,
    platform: build.platform,
    registryServer: repository.split("/")[0],
    repoDigest: `${repository}@sha256:${digest}`,
  };
}

/** The result of `aws.ecr.getAuthorizationToken` under the mock engine: placeholders only. */
export function ecrAuthorizationTokenMock(inputs: Record<string, unknown>, context: { region: string; accountId: string }): Record<string, unknown> {
  const registryId = typeof inputs.registryId === "string" ? inputs.registryId : context.accountId;
  return {
    id: registryId,
    registryId,
    region: context.region,
    userName: "AWS",
    password: PLAN_ECR_PASSWORD,
    authorizationToken: Buffer.from(`AWS:${PLAN_ECR_PASSWORD}`).toString("base64"),
    proxyEndpoint: `https://${registryId}.dkr.ecr.${context.region}.amazonaws.com`,
    expiresAt: "2000-01-01T00:00:00Z",
  };
}
