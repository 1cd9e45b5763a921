/**
 * The kubeconfig of a cluster the foundation creates. It holds no credential: kubectl and the Pulumi
 * Kubernetes provider run `aws eks get-token` with the caller's AWS credentials, so the AWS CLI v2 must
 * be on the PATH of whoever runs `pulumi up` (README: prerequisites).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/create-kubeconfig.html
 */
import { stringify } from "yaml";

/** What a kubeconfig needs to know about the cluster. */
export interface KubeconfigInput {
  readonly clusterName: string;
  /** API server URL (`https://<id>.<suffix>.<region>.eks.amazonaws.com`). */
  readonly endpoint: string;
  /** Base64 PEM of the cluster's certificate authority. */
  readonly certificateAuthorityData: string;
  readonly region: string;
}

/** Renders the kubeconfig YAML (one cluster, one user, one context, all named after the cluster). */
export function renderKubeconfig(input: KubeconfigInput): string {
  const name = input.clusterName;
  return stringify(
    {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name, cluster: { server: input.endpoint, "certificate-authority-data": input.certificateAuthorityData } }],
      users: [
        {
          name,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: ["eks", "get-token", "--cluster-name", name, "--region", input.region, "--output", "json"],
              interactiveMode: "Never",
            },
          },
        },
      ],
      contexts: [{ name, context: { cluster: name, user: name } }],
      "current-context": name,
    },
    { lineWidth: 0 },
  );
}
