import { isKubernetesObject } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** True for Kubernetes' own API groups (core, apps, ..., *.k8s.io); CRD groups of vendors are versioned by them. */
function isBuiltInGroup(group: string): boolean {
  return group === "" || !group.includes(".") || group.endsWith(".k8s.io");
}

/** K-SEC-19: no alpha or beta versions of built-in APIs, which change or disappear between Kubernetes releases. */
export const objectForbidPrereleaseApi = resourcePolicy({
  name: "inferstack-kubernetes-object-forbid-prerelease-api",
  description: "Kubernetes objects use stable versions of the built-in APIs, never alpha or beta ones.",
  severity: "medium",
  rules: ["K-SEC-19"],
  sources: ["stable-version checks", "kube-linter deprecated-api"],
  enforcement: levels("M/M/M"),
  resourceTypes: ["kubernetes:*"],
  remediation: "Use the stable apiVersion (e.g. autoscaling/v2, policy/v1, networking.k8s.io/v1).",
  validate(resource, report) {
    if (!isKubernetesObject(resource)) return;
    const apiVersion = String(resource.props.apiVersion ?? "");
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    if (isBuiltInGroup(group!) && /^v\d+(alpha|beta)\d*$/.test(version!)) {
      report(`uses a prerelease built-in API; got apiVersion "${apiVersion}". Use the stable version of ${String(resource.props.kind)}.`);
    }
  },
});
