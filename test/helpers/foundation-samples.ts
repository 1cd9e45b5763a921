/** Stack files of environments whose foundation inferstack creates (`cluster.mode: create`). */

/** A minimal dev environment in create mode: default VPC, public endpoint behind one CIDR. */
export const CREATE_DEV_STACK = `config:
  inferstack:environment:
    tier: dev
    aws:
      region: us-east-1
      accountId: "111122223333"
    cluster:
      mode: create
      publicAccessCidrs: [203.0.113.0/24]
    nodePools:
      t4:
        instanceTypes: [g4dn.xlarge]
      cpu:
        instanceTypes: [m6i.xlarge]
  inferstack:grafanaAdminPassword:
    secure: v1:abc
`;

/** The same environment at the prod tier: private endpoint, so no CIDRs. */
export const CREATE_PROD_STACK = CREATE_DEV_STACK.replace("tier: dev", "tier: prod").replace("      publicAccessCidrs: [203.0.113.0/24]\n", "");
