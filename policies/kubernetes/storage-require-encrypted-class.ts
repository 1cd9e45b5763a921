import { ENCRYPTED_STORAGE_CLASS } from "../../components/kubernetes/storage";
import { arr, at, K8S, obj } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

const EBS_PROVISIONERS = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];

/** inferstack's storage contract (MLSEC-02, CON-09, OBS-01): every volume is an encrypted gp3 volume of the platform's class. */
export const storageRequireEncryptedClass = resourcePolicy({
  name: "inferstack-kubernetes-storage-require-encrypted-class",
  description: `EBS StorageClasses encrypt their volumes, and every claim uses the platform's ${ENCRYPTED_STORAGE_CLASS} class.`,
  severity: "high",
  rules: ["OWN storage contract", "MLSEC-02"],
  sources: ["aws-ebs-csi-driver encrypted parameter"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.storageClass, K8S.persistentVolumeClaim, K8S.statefulSet],
  remediation: `Set parameters.encrypted: "true" on EBS StorageClasses and storageClassName: "${ENCRYPTED_STORAGE_CLASS}" on every claim.`,
  validate(resource, report) {
    if (resource.type === K8S.storageClass) {
      const encrypted = at(resource.props, "parameters.encrypted");
      if (EBS_PROVISIONERS.includes(String(resource.props.provisioner)) && encrypted !== "true") {
        report(`provisions unencrypted EBS volumes; got parameters.encrypted ${shown(encrypted, "unset")}. Set it to "true".`);
      }
      return;
    }
    const claims = resource.type === K8S.persistentVolumeClaim ? [resource.props] : arr(at(resource.props, "spec.volumeClaimTemplates")).map(obj);
    for (const claim of claims) {
      const className = at(claim, "spec.storageClassName");
      if (className !== ENCRYPTED_STORAGE_CLASS) {
        report(`claim ${JSON.stringify(at(claim, "metadata.name") ?? "?")} does not use the encrypted class; got storageClassName ${shown(className, "unset")}. Use "${ENCRYPTED_STORAGE_CLASS}".`);
      }
    }
  },
});
