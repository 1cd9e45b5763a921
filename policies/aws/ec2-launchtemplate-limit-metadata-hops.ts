import { AWS } from "../lib/aws";
import { at } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** NODE-02: a hop limit of 1 keeps pods (one network hop further) away from the node's credentials. */
export const ec2LaunchtemplateLimitMetadataHops = resourcePolicy({
  name: "inferstack-aws-ec2-launchtemplate-limit-metadata-hops",
  description: "Launch templates limit instance metadata responses to one network hop.",
  severity: "medium",
  rules: ["NODE-02"],
  sources: ["CT.EC2.PR.2", "EKS best practices"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.launchTemplate],
  remediation: "Set metadataOptions.httpPutResponseHopLimit: 1; give agents that need IMDS their region and VPC explicitly.",
  validate(resource, report) {
    const hops = at(resource.props, "metadataOptions.httpPutResponseHopLimit");
    if (hops !== 1) report(`lets pods reach the node's instance credentials; got httpPutResponseHopLimit ${shown(hops, "unset")}. Set it to 1.`);
  },
});
