import { AWS } from "../lib/aws";
import { arr, at, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** NODE-03: node disks (container images, model caches) are encrypted at rest. */
export const ec2LaunchtemplateRequireEncryptedVolumes = resourcePolicy({
  name: "inferstack-aws-ec2-launchtemplate-require-encrypted-volumes",
  description: "Launch templates encrypt the root and data EBS volumes of the nodes they launch.",
  severity: "high",
  rules: ["NODE-03"],
  sources: ["AwsSolutions-EC26", "awsguard encrypted-volumes", "CT.EC2.PR.14", "CT.EC2.PR.7", "pulumi-cp launchtemplate-disallow-unencrypted-block-device"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.launchTemplate],
  remediation: 'Declare the root volume in blockDeviceMappings with ebs { encrypted: "true" } (launch templates take the string).',
  validate(resource, report) {
    const mappings = arr(resource.props.blockDeviceMappings).map(obj).filter((m) => m.ebs !== undefined);
    if (mappings.length === 0) {
      report('declares no block device, so the root volume follows the AMI unencrypted; got no blockDeviceMappings. Declare the root device with ebs { encrypted: "true" }.');
      return;
    }
    const plain = mappings.filter((m) => at(m, "ebs.encrypted") !== "true").map((m) => String(m.deviceName));
    if (plain.length > 0) report(`leaves EBS volumes unencrypted; got ${plain.join(", ")} without ebs.encrypted "true". Encrypt every block device.`);
  },
});
