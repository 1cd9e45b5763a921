/**
 * Every policy of the inferstack pack, sorted by name. The offline runner, the pack entry for the
 * Pulumi CLI (index.ts) and the tests all take the list from here. Add a policy by adding its file and
 * one line here.
 */
import { type InferstackPolicy } from "./lib/policy";
import { cloudwatchLoggroupRequireEksLogRetention } from "./aws/cloudwatch-loggroup-require-eks-log-retention";
import { ec2LaunchtemplateForbidPublicIp } from "./aws/ec2-launchtemplate-forbid-public-ip";
import { ec2LaunchtemplateLimitMetadataHops } from "./aws/ec2-launchtemplate-limit-metadata-hops";
import { ec2LaunchtemplateRequireDetailedMonitoring } from "./aws/ec2-launchtemplate-require-detailed-monitoring";
import { ec2LaunchtemplateRequireEncryptedVolumes } from "./aws/ec2-launchtemplate-require-encrypted-volumes";
import { ec2LaunchtemplateRequireImdsv2 } from "./aws/ec2-launchtemplate-require-imdsv2";
import { ec2SecuritygroupForbidMixedRules } from "./aws/ec2-securitygroup-forbid-mixed-rules";
import { ec2SecuritygroupForbidPublicIngress } from "./aws/ec2-securitygroup-forbid-public-ingress";
import { ec2SecuritygroupRequireDescription } from "./aws/ec2-securitygroup-require-description";
import { ec2VpcRequireClosedDefaultSecurityGroup } from "./aws/ec2-vpc-require-closed-default-security-group";
import { ec2VpcRequireFlowLogs } from "./aws/ec2-vpc-require-flow-logs";
import { ecrPolicyForbidPublicPrincipal } from "./aws/ecr-policy-forbid-public-principal";
import { ecrRepositoryRequireImmutableTags } from "./aws/ecr-repository-require-immutable-tags";
import { ecrRepositoryRequireKmsEncryption } from "./aws/ecr-repository-require-kms-encryption";
import { ecrRepositoryRequireLifecyclePolicy } from "./aws/ecr-repository-require-lifecycle-policy";
import { ecrRepositoryRequireScanOnPush } from "./aws/ecr-repository-require-scan-on-push";
import { eksAddonRequireNetworkPolicy } from "./aws/eks-addon-require-network-policy";
import { eksClusterRequireControlPlaneLogs } from "./aws/eks-cluster-require-control-plane-logs";
import { eksClusterRequirePrivateEndpoint } from "./aws/eks-cluster-require-private-endpoint";
import { eksClusterRequireSecretsEncryption } from "./aws/eks-cluster-require-secrets-encryption";
import { eksClusterRequireSupportedVersion } from "./aws/eks-cluster-require-supported-version";
import { eksClusterRestrictAdminAccess } from "./aws/eks-cluster-restrict-admin-access";
import { eksClusterRestrictPublicEndpointCidrs } from "./aws/eks-cluster-restrict-public-endpoint-cidrs";
import { eksNodegroupLimitGpuBudget } from "./aws/eks-nodegroup-limit-gpu-budget";
import { eksNodegroupRequireGpuCapacity } from "./aws/eks-nodegroup-require-gpu-capacity";
import { eksNodegroupRequireGpuTaint } from "./aws/eks-nodegroup-require-gpu-taint";
import { eksNodegroupRequireMultipleZones } from "./aws/eks-nodegroup-require-multiple-zones";
import { eksNodegroupRequirePrivateSubnets } from "./aws/eks-nodegroup-require-private-subnets";
import { eksNodegroupRequireSystemPool } from "./aws/eks-nodegroup-require-system-pool";
import { eksNodegroupRestrictInstanceTypes } from "./aws/eks-nodegroup-restrict-instance-types";
import { iamPolicyForbidAdminAccess } from "./aws/iam-policy-forbid-admin-access";
import { iamPolicyForbidWildcards } from "./aws/iam-policy-forbid-wildcards";
import { iamRoleForbidEcrPushForWorkloads } from "./aws/iam-role-forbid-ecr-push-for-workloads";
import { iamRoleForbidMixedPolicyManagement } from "./aws/iam-role-forbid-mixed-policy-management";
import { iamRolePinWorkloadTrust } from "./aws/iam-role-pin-workload-trust";
import { iamRoleRestrictManagedPolicies } from "./aws/iam-role-restrict-managed-policies";
import { iamRoleRestrictModelStoreAccess } from "./aws/iam-role-restrict-model-store-access";
import { iamRoleRestrictNodePermissions } from "./aws/iam-role-restrict-node-permissions";
import { iamUserForbidLongLivedCredentials } from "./aws/iam-user-forbid-long-lived-credentials";
import { kmsKeyForbidLockoutBypass } from "./aws/kms-key-forbid-lockout-bypass";
import { kmsKeyRequireDeletionWindow } from "./aws/kms-key-require-deletion-window";
import { kmsKeyRequireRotation } from "./aws/kms-key-require-rotation";
import { kmsKeyRestrictGrants } from "./aws/kms-key-restrict-grants";
import { s3BucketRequireAccessLogging } from "./aws/s3-bucket-require-access-logging";
import { s3BucketRequireKmsEncryption } from "./aws/s3-bucket-require-kms-encryption";
import { s3BucketRequireLifecycleCleanup } from "./aws/s3-bucket-require-lifecycle-cleanup";
import { s3BucketRequireOwnerEnforced } from "./aws/s3-bucket-require-owner-enforced";
import { s3BucketRequirePublicAccessBlock } from "./aws/s3-bucket-require-public-access-block";
import { s3BucketRequireTlsOnlyPolicy } from "./aws/s3-bucket-require-tls-only-policy";
import { s3BucketRequireVersioning } from "./aws/s3-bucket-require-versioning";
import { alertmanagerRequireHighAvailability } from "./helm/alertmanager-require-high-availability";
import { consulForbidPublicUi } from "./helm/consul-forbid-public-ui";
import { consulRequireAcls } from "./helm/consul-require-acls";
import { consulRequireDefaultDenyIntentions } from "./helm/consul-require-default-deny-intentions";
import { consulRequireEncryptedStorage } from "./helm/consul-require-encrypted-storage";
import { consulRequireGossipEncryption } from "./helm/consul-require-gossip-encryption";
import { consulRequireServerPlacement } from "./helm/consul-require-server-placement";
import { consulRequireServerQuorum } from "./helm/consul-require-server-quorum";
import { consulRequireSnapshots } from "./helm/consul-require-snapshots";
import { consulRequireTls } from "./helm/consul-require-tls";
import { deploymentForbidGpuTolerationWithoutGpu } from "./kubernetes/deployment-forbid-gpu-toleration-without-gpu";
import { deploymentForbidReplicasUnderAutoscaler } from "./kubernetes/deployment-forbid-replicas-under-autoscaler";
import { deploymentLimitGpuBudget } from "./kubernetes/deployment-limit-gpu-budget";
import { deploymentRequireDisruptionBudget } from "./kubernetes/deployment-require-disruption-budget";
import { deploymentRequireGpuNodeSelector } from "./kubernetes/deployment-require-gpu-node-selector";
import { deploymentRequireGpuToleration } from "./kubernetes/deployment-require-gpu-toleration";
import { deploymentRequireGracefulShutdown } from "./kubernetes/deployment-require-graceful-shutdown";
import { deploymentRequireHostAntiAffinity } from "./kubernetes/deployment-require-host-anti-affinity";
import { deploymentRequireLivenessAndStartupProbes } from "./kubernetes/deployment-require-liveness-and-startup-probes";
import { deploymentRequireMinReplicas } from "./kubernetes/deployment-require-min-replicas";
import { deploymentRequireModelReadinessProbe } from "./kubernetes/deployment-require-model-readiness-probe";
import { deploymentRequirePinnedRuntimeImage } from "./kubernetes/deployment-require-pinned-runtime-image";
import { deploymentRequirePriorityClass } from "./kubernetes/deployment-require-priority-class";
import { deploymentRequireRevisionHistory } from "./kubernetes/deployment-require-revision-history";
import { deploymentRequireSurgeRollout } from "./kubernetes/deployment-require-surge-rollout";
import { deploymentRequireZoneSpread } from "./kubernetes/deployment-require-zone-spread";
import { deploymentRestrictInstanceTypes } from "./kubernetes/deployment-restrict-instance-types";
import { elasticsearchRequireResilientCluster } from "./helm/elasticsearch-require-resilient-cluster";
import { elasticsearchRequireTlsAndPrivateAccess } from "./helm/elasticsearch-require-tls-and-private-access";
import { grafanaRequireAdminSecret } from "./helm/grafana-require-admin-secret";
import { grafanaRequireSecureAccess } from "./helm/grafana-require-secure-access";
import { horizontalpodautoscalerRequireServingBounds } from "./kubernetes/horizontalpodautoscaler-require-serving-bounds";
import { namespaceRequireDefaultDeny } from "./kubernetes/namespace-require-default-deny";
import { namespaceRequireRestrictedPodSecurity } from "./kubernetes/namespace-require-restricted-pod-security";
import { objectForbidPrereleaseApi } from "./kubernetes/object-forbid-prerelease-api";
import { objectRequireValidSchema } from "./kubernetes/object-require-valid-schema";
import { poddisruptionbudgetRequireAlwaysAllowUnhealthy } from "./kubernetes/poddisruptionbudget-require-always-allow-unhealthy";
import { poddisruptionbudgetRequireEvictionHeadroom } from "./kubernetes/poddisruptionbudget-require-eviction-headroom";
import { prometheusRequireBoundedRetention } from "./helm/prometheus-require-bounded-retention";
import { prometheusRequireHighAvailability } from "./helm/prometheus-require-high-availability";
import { prometheusRequirePersistentStorage } from "./helm/prometheus-require-persistent-storage";
import { prometheusruleRequireModelSlo } from "./kubernetes/prometheusrule-require-model-slo";
import { rbacForbidClusterAdminBinding } from "./kubernetes/rbac-forbid-cluster-admin-binding";
import { rbacForbidWildcardRules } from "./kubernetes/rbac-forbid-wildcard-rules";
import { serviceForbidLoadBalancer } from "./kubernetes/service-forbid-load-balancer";
import { serviceRequireConsulRegistration } from "./kubernetes/service-require-consul-registration";
import { serviceRequireMatchingPods } from "./kubernetes/service-require-matching-pods";
import { servicemonitorRequirePoolScrape } from "./kubernetes/servicemonitor-require-pool-scrape";
import { storageRequireEncryptedClass } from "./kubernetes/storage-require-encrypted-class";
import { workloadForbidBarePods } from "./kubernetes/workload-forbid-bare-pods";
import { workloadForbidEnvSecrets } from "./kubernetes/workload-forbid-env-secrets";
import { workloadForbidHostNamespaces } from "./kubernetes/workload-forbid-host-namespaces";
import { workloadForbidPrivilegeEscalation } from "./kubernetes/workload-forbid-privilege-escalation";
import { workloadForbidPrivileged } from "./kubernetes/workload-forbid-privileged";
import { workloadForbidTokenAutomount } from "./kubernetes/workload-forbid-token-automount";
import { workloadRequireApprovedRegistry } from "./kubernetes/workload-require-approved-registry";
import { workloadRequireDedicatedServiceAccount } from "./kubernetes/workload-require-dedicated-service-account";
import { workloadRequireDroppedCapabilities } from "./kubernetes/workload-require-dropped-capabilities";
import { workloadRequireEphemeralStorage } from "./kubernetes/workload-require-ephemeral-storage";
import { workloadRequireHighUid } from "./kubernetes/workload-require-high-uid";
import { workloadRequireImageDigest } from "./kubernetes/workload-require-image-digest";
import { workloadRequireImageTag } from "./kubernetes/workload-require-image-tag";
import { workloadRequireNonRoot } from "./kubernetes/workload-require-non-root";
import { workloadRequirePullPolicy } from "./kubernetes/workload-require-pull-policy";
import { workloadRequireReadOnlyRoot } from "./kubernetes/workload-require-read-only-root";
import { workloadRequireResources } from "./kubernetes/workload-require-resources";
import { workloadRequireRuntimeDefaultSeccomp } from "./kubernetes/workload-require-runtime-default-seccomp";
import { workloadRestrictVolumeTypes } from "./kubernetes/workload-restrict-volume-types";
import { componentRequireAcknowledgementReason } from "./pulumi/component-require-acknowledgement-reason";

/** The inferstack policy pack. */
export const POLICIES: readonly InferstackPolicy[] = Object.freeze([
  cloudwatchLoggroupRequireEksLogRetention,
  ec2LaunchtemplateForbidPublicIp,
  ec2LaunchtemplateLimitMetadataHops,
  ec2LaunchtemplateRequireDetailedMonitoring,
  ec2LaunchtemplateRequireEncryptedVolumes,
  ec2LaunchtemplateRequireImdsv2,
  ec2SecuritygroupForbidMixedRules,
  ec2SecuritygroupForbidPublicIngress,
  ec2SecuritygroupRequireDescription,
  ec2VpcRequireClosedDefaultSecurityGroup,
  ec2VpcRequireFlowLogs,
  ecrPolicyForbidPublicPrincipal,
  ecrRepositoryRequireImmutableTags,
  ecrRepositoryRequireKmsEncryption,
  ecrRepositoryRequireLifecyclePolicy,
  ecrRepositoryRequireScanOnPush,
  eksAddonRequireNetworkPolicy,
  eksClusterRequireControlPlaneLogs,
  eksClusterRequirePrivateEndpoint,
  eksClusterRequireSecretsEncryption,
  eksClusterRequireSupportedVersion,
  eksClusterRestrictAdminAccess,
  eksClusterRestrictPublicEndpointCidrs,
  eksNodegroupLimitGpuBudget,
  eksNodegroupRequireGpuCapacity,
  eksNodegroupRequireGpuTaint,
  eksNodegroupRequireMultipleZones,
  eksNodegroupRequirePrivateSubnets,
  eksNodegroupRequireSystemPool,
  eksNodegroupRestrictInstanceTypes,
  iamPolicyForbidAdminAccess,
  iamPolicyForbidWildcards,
  iamRoleForbidEcrPushForWorkloads,
  iamRoleForbidMixedPolicyManagement,
  iamRolePinWorkloadTrust,
  iamRoleRestrictManagedPolicies,
  iamRoleRestrictModelStoreAccess,
  iamRoleRestrictNodePermissions,
  iamUserForbidLongLivedCredentials,
  kmsKeyForbidLockoutBypass,
  kmsKeyRequireDeletionWindow,
  kmsKeyRequireRotation,
  kmsKeyRestrictGrants,
  s3BucketRequireAccessLogging,
  s3BucketRequireKmsEncryption,
  s3BucketRequireLifecycleCleanup,
  s3BucketRequireOwnerEnforced,
  s3BucketRequirePublicAccessBlock,
  s3BucketRequireTlsOnlyPolicy,
  s3BucketRequireVersioning,
  alertmanagerRequireHighAvailability,
  consulForbidPublicUi,
  consulRequireAcls,
  consulRequireDefaultDenyIntentions,
  consulRequireEncryptedStorage,
  consulRequireGossipEncryption,
  consulRequireServerPlacement,
  consulRequireServerQuorum,
  consulRequireSnapshots,
  consulRequireTls,
  deploymentForbidGpuTolerationWithoutGpu,
  deploymentForbidReplicasUnderAutoscaler,
  deploymentLimitGpuBudget,
  deploymentRequireDisruptionBudget,
  deploymentRequireGpuNodeSelector,
  deploymentRequireGpuToleration,
  deploymentRequireGracefulShutdown,
  deploymentRequireHostAntiAffinity,
  deploymentRequireLivenessAndStartupProbes,
  deploymentRequireMinReplicas,
  deploymentRequireModelReadinessProbe,
  deploymentRequirePinnedRuntimeImage,
  deploymentRequirePriorityClass,
  deploymentRequireRevisionHistory,
  deploymentRequireSurgeRollout,
  deploymentRequireZoneSpread,
  deploymentRestrictInstanceTypes,
  elasticsearchRequireResilientCluster,
  elasticsearchRequireTlsAndPrivateAccess,
  grafanaRequireAdminSecret,
  grafanaRequireSecureAccess,
  horizontalpodautoscalerRequireServingBounds,
  namespaceRequireDefaultDeny,
  namespaceRequireRestrictedPodSecurity,
  objectForbidPrereleaseApi,
  objectRequireValidSchema,
  poddisruptionbudgetRequireAlwaysAllowUnhealthy,
  poddisruptionbudgetRequireEvictionHeadroom,
  prometheusRequireBoundedRetention,
  prometheusRequireHighAvailability,
  prometheusRequirePersistentStorage,
  prometheusruleRequireModelSlo,
  rbacForbidClusterAdminBinding,
  rbacForbidWildcardRules,
  serviceForbidLoadBalancer,
  serviceRequireConsulRegistration,
  serviceRequireMatchingPods,
  servicemonitorRequirePoolScrape,
  storageRequireEncryptedClass,
  workloadForbidBarePods,
  workloadForbidEnvSecrets,
  workloadForbidHostNamespaces,
  workloadForbidPrivilegeEscalation,
  workloadForbidPrivileged,
  workloadForbidTokenAutomount,
  workloadRequireApprovedRegistry,
  workloadRequireDedicatedServiceAccount,
  workloadRequireDroppedCapabilities,
  workloadRequireEphemeralStorage,
  workloadRequireHighUid,
  workloadRequireImageDigest,
  workloadRequireImageTag,
  workloadRequireNonRoot,
  workloadRequirePullPolicy,
  workloadRequireReadOnlyRoot,
  workloadRequireResources,
  workloadRequireRuntimeDefaultSeccomp,
  workloadRestrictVolumeTypes,
  componentRequireAcknowledgementReason,
]);

/** Names of every policy, for checking the names a stack's settings use. */
export const POLICY_NAMES: readonly string[] = Object.freeze(POLICIES.map((p) => p.name));
