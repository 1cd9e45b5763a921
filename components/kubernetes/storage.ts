import { standardLabels } from "../labels";
import { type ResolvedEnvironment } from "../resolve/types";

/** Name of the StorageClass every persistent volume of the platform uses. */
export const ENCRYPTED_STORAGE_CLASS = "inferstack-encrypted-gp3";

/**
 * An encrypted gp3 StorageClass for the platform's persistent volumes (Consul, Prometheus,
 * Alertmanager, Elasticsearch), provisioned by the EBS CSI driver. Volumes bind where their pod is
 * scheduled, can grow, and in prod outlive their claim so a deleted release cannot take data with it.
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md
 */
export function renderStorageClass(environment: ResolvedEnvironment) {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: {
      name: ENCRYPTED_STORAGE_CLASS,
      labels: standardLabels({ name: "inferstack", instance: ENCRYPTED_STORAGE_CLASS, component: "storage", environment: environment.stack }),
    },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true" },
    reclaimPolicy: environment.tier === "prod" ? "Retain" : "Delete",
    allowVolumeExpansion: true,
    volumeBindingMode: "WaitForFirstConsumer",
  } as const;
}
