import { RUNTIME_IMAGES } from "../../components/registry/images";
import { fullRepository } from "../../components/resolve/policy";
import { parseImage } from "../lib/images";
import { containersOf, K8S, runtimeOf, serverPoolOf } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/**
 * inferstack's pinned-runtime rule: server pools run the runtime tags pinned in
 * components/registry/images.ts (upstream or an ECR mirror of the same repository name), or a custom
 * image of the stack built on one of them, so a runtime upgrade is always a reviewed change there.
 */
export const deploymentRequirePinnedRuntimeImage = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-pinned-runtime-image",
  description: "Server-pool Deployments run their runtime's image at the tag pinned in components/registry/images.ts, or a custom image built on it.",
  severity: "high",
  rules: ["OWN pinned runtime images", "K-SEC-12"],
  sources: ["inferstack components/registry/images.ts"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.deployment],
  usesContext: true,
  remediation: "Build the image reference with runtimeImage(runtime, gpu) (or its ECR mirror), or run a registry.customImages image of the runtime; change a runtime version in components/registry/images.ts only.",
  validate(resource, report, policyRuntime) {
    const { customImages } = policyRuntime.context();
    const template = templateOf(resource);
    if (!template || serverPoolOf(template) === undefined) return;
    const runtime = runtimeOf(template);
    if (runtime === undefined) {
      report(`is a server pool that runs no known serving runtime; got images ${containersOf(template.spec).map((c) => JSON.stringify(c.body.image)).join(", ")}. Run the pinned Triton or TF Serving image.`);
      return;
    }
    const pinned = RUNTIME_IMAGES[runtime];
    // Upstream (`tensorflow/serving`) or the registry's mirror of it (`<registry>/<prefix>/tensorflow-serving`).
    const isRuntime = (repository: string) => repository === pinned.repository || repository.endsWith(`/${pinned.repository}`) || repository.endsWith(`/${pinned.mirrorName}`);
    // The stack's custom images of this runtime: their tags are content tags, their base is what must be pinned.
    const customOf = (repository: string) => customImages.find((i) => i.runtime === runtime && fullRepository(i.repository) === repository);
    const pinnedBases = [pinned.gpuTag, pinned.cpuTag].map((tag) => `${pinned.repository}:${tag}`);
    const customs = containersOf(template.spec).flatMap((c) => {
      const custom = c.init ? undefined : customOf(parseImage(String(c.body.image ?? "")).repository);
      return custom === undefined ? [] : [{ container: c.name, custom }];
    });
    for (const { container, custom } of customs.filter((c) => !pinnedBases.includes(c.custom.baseImage))) {
      report(`container "${container}" runs custom image "${custom.name}" built on an unpinned ${runtime}; got base ${JSON.stringify(custom.baseImage)}. Build it FROM ${[...new Set(pinnedBases)].join(" or ")} (the BASE_IMAGE build argument).`);
    }
    if (customs.length > 0) return;
    const servers = containersOf(template.spec).filter((c) => !c.init && isRuntime(parseImage(String(c.body.image ?? "")).repository));
    if (servers.length === 0) {
      report(`is a ${runtime} server pool without a ${pinned.repository} container; got images ${containersOf(template.spec).map((c) => JSON.stringify(c.body.image)).join(", ")}. Run ${pinned.repository} at a pinned tag.`);
    }
    for (const server of servers) {
      const image = parseImage(String(server.body.image));
      if (image.tag !== undefined && image.tag !== pinned.gpuTag && image.tag !== pinned.cpuTag) {
        report(`container "${server.name}" runs ${runtime} ${image.tag}, not the pinned version; got ${JSON.stringify(image.text)}. Use tag ${[...new Set([pinned.gpuTag, pinned.cpuTag])].join(" or ")} from components/registry/images.ts.`);
      }
    }
  },
});
