/**
 * Resolves the AWS foundation of `cluster.mode: create` (network, EKS cluster, node groups, registry,
 * model store bucket, workload identities) and checks every foundation setting that needs more than
 * one field. With an existing cluster it only refuses the settings that would have no effect.
 */
import { SERVICE_ACCOUNT_SUBJECT_PREFIX } from "../identity/scopes";
import { AWS_TAGS } from "../labels";
import { accessLogBucketName } from "../modelstore/names";
import { isNetworkAddress, isOpenCidr, parseCidr, subnetLayout, VPC_PREFIX_RANGE, formatCidr, type Cidr } from "../network/layout";
import { type ImageFile } from "../registry/build";
import { defaultRepositoryPrefix, ecrRegistryHost, RUNTIME_IMAGES, SYNC_IMAGE } from "../registry/images";
import { modelSource } from "../serving/layout";
import { type EnvironmentSpec } from "../spec/environment";
import { type CreateClusterSpec } from "../spec/foundation";
import { problemAt, type Origin } from "../spec/issues";
import { describeValue, type Problem } from "../spec/problems";
import { resolveCustomImages } from "./custom-images";
import { FOUNDATION_DEFAULTS, FOUNDATION_TIER_DEFAULTS } from "./foundation-defaults";
import { resolveNodeGroups } from "./foundation-nodes";
import {
  type ResolvedEksCluster,
  type ResolvedFoundation,
  type ResolvedModelStoreBucket,
  type ResolvedNetwork,
  type ResolvedRegistry,
  type ResolvedRepository,
  type ResolvedWorkloadIdentity,
} from "./foundation-types";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedServerPool } from "./types";

type CreateSpec = EnvironmentSpec & { cluster: CreateClusterSpec };

/** Resolves the foundation of a `create` environment; reports settings that have no effect otherwise. */
export function resolveFoundation(
  spec: EnvironmentSpec,
  environment: ResolvedEnvironment,
  models: readonly ResolvedModel[],
  serverPools: readonly ResolvedServerPool[],
  secretKeys: ReadonlySet<string>,
  origin: Origin,
  serviceCidr: string,
  imageFiles: readonly ImageFile[] = [],
): { foundation?: ResolvedFoundation; problems: Problem[] } {
  const problems: Problem[] = [];
  if (spec.cluster.mode !== "create" || environment.cluster.mode !== "create") {
    refuseCreateOnlySettings(spec, origin, problems);
    return { problems };
  }
  const create = spec as CreateSpec;
  if (secretKeys.has("kubeconfig")) {
    problems.push(
      problemAt(origin, ["cluster", "mode"], `creates the cluster, so its kubeconfig comes from the cluster itself; got an inferstack:kubeconfig secret as well. Remove it: pulumi config rm inferstack:kubeconfig --stack ${environment.stack}.`),
    );
  }
  if (spec.registry?.mirror !== undefined) {
    problems.push(
      problemAt(origin, ["registry", "mirror"], `is for an existing cluster; got ${describeValue(spec.registry.mirror)}. Remove it: create mode creates the registry and pulls from it (registry.mirrorRuntimeImages: false pulls the upstream images instead).`),
    );
  }
  const before = problems.length;
  const network = resolveNetwork(create, origin, problems);
  const cluster = resolveCluster(create, environment.cluster.name, serviceCidr, origin, problems);
  if (network?.mode === "create" && overlaps(parseCidr(network.cidr), parseCidr(serviceCidr))) {
    problems.push(
      problemAt(origin, ["cluster", "network", "cidr"], `overlaps the cluster's Service CIDR ${serviceCidr} (discovery.dns.serviceCidr), which EKS refuses; got ${describeValue(network.cidr)}. Choose a VPC block outside ${serviceCidr}, or set discovery.dns.serviceCidr to another block.`),
    );
  }
  const nodeGroups = network ? resolveNodeGroups(create, environment, network.zones.map((z) => z.name), origin, problems) : [];
  const registry = resolveRegistry(create, environment, models, serverPools, imageFiles, origin, problems);
  const modelStore = resolveModelStore(create, environment, origin, problems);
  if (problems.length > before || !network || !cluster || !registry || !modelStore) return { problems };
  const tier = FOUNDATION_TIER_DEFAULTS[spec.tier];
  return {
    foundation: {
      tags: { [AWS_TAGS.environment]: environment.stack, [AWS_TAGS.managedBy]: "pulumi" },
      kmsDeletionWindowDays: tier.kmsDeletionWindowDays,
      network,
      cluster,
      nodeGroups,
      registry,
      modelStore,
      identities: resolveIdentities(environment, models, serverPools),
    },
    problems,
  };
}

function resolveNetwork(spec: CreateSpec, origin: Origin, problems: Problem[]): ResolvedNetwork | undefined {
  const tier = FOUNDATION_TIER_DEFAULTS[spec.tier];
  const network = spec.cluster.network ?? { mode: "create" as const };
  const path = ["cluster", "network"];
  const region = spec.aws.region;
  const before = problems.length;
  const checkZone = (zone: string, at: readonly PropertyKey[]) => {
    if (!zone.startsWith(region) || zone.length !== region.length + 1) {
      problems.push(problemAt(origin, at, `is not a zone of region ${region}; got ${describeValue(zone)}. Use zones such as "${region}a".`));
    }
  };
  if (network.mode === "existing") {
    const zones = Object.keys(network.privateSubnetIds).sort();
    zones.forEach((zone) => checkZone(zone, [...path, "privateSubnetIds", zone]));
    if (zones.length < 2) {
      problems.push(problemAt(origin, [...path, "privateSubnetIds"], `must name private subnets in at least 2 zones: EKS needs subnets in two zones; got ${describeValue(zones)}. Add a subnet of another zone.`));
    }
    if (problems.length > before) return undefined;
    return { mode: "existing", vpcId: network.vpcId, zones: zones.map((name) => ({ name, privateSubnetId: network.privateSubnetIds[name]! })) };
  }
  const cidrText = network.cidr ?? FOUNDATION_DEFAULTS.vpcCidr;
  const cidr = parseCidr(cidrText);
  if (cidr.prefix < VPC_PREFIX_RANGE.min || cidr.prefix > VPC_PREFIX_RANGE.max) {
    problems.push(problemAt(origin, [...path, "cidr"], `must be a /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} block; got ${describeValue(cidrText)}. Use a block such as "10.0.0.0/16".`));
  } else if (!isNetworkAddress(cidr)) {
    const aligned = formatCidr({ address: cidr.address - (cidr.address % 2 ** (32 - cidr.prefix)), prefix: cidr.prefix });
    problems.push(problemAt(origin, [...path, "cidr"], `has host bits set; got ${describeValue(cidrText)}. Use its network address "${aligned}".`));
  }
  const zones = network.zones ?? FOUNDATION_DEFAULTS.zoneSuffixes.map((suffix) => `${region}${suffix}`);
  zones.forEach((zone, index) => checkZone(zone, [...path, "zones", index]));
  if (new Set(zones).size !== zones.length) {
    problems.push(problemAt(origin, [...path, "zones"], `lists a zone twice; got ${describeValue(zones)}. List each zone once.`));
  }
  if (problems.length > before) return undefined;
  return {
    mode: "create",
    cidr: cidrText,
    zones: subnetLayout(cidrText, [...zones].sort()),
    natGateways: network.natGateways ?? tier.natGateways,
    flowLogs: { enabled: network.flowLogs ?? tier.flowLogs, retentionDays: spec.cluster.logRetentionDays ?? tier.logRetentionDays },
  };
}

/** True when two CIDR blocks share an address. */
function overlaps(a: Cidr, b: Cidr): boolean {
  const end = (c: Cidr) => c.address + 2 ** (32 - c.prefix) - 1;
  return a.address <= end(b) && b.address <= end(a);
}

function resolveCluster(spec: CreateSpec, name: string, serviceCidr: string, origin: Origin, problems: Problem[]): ResolvedEksCluster | undefined {
  const tier = FOUNDATION_TIER_DEFAULTS[spec.tier];
  const cluster = spec.cluster;
  const before = problems.length;
  const access = cluster.endpointAccess ?? tier.endpointAccess;
  const cidrs = cluster.publicAccessCidrs ?? [];
  if (access === "public" && !tier.allowPublicEndpoint) {
    problems.push(
      problemAt(origin, ["cluster", "endpointAccess"], `${spec.tier} keeps the Kubernetes API private; got "public". Remove endpointAccess (private is the default) and reach the API from inside the VPC (VPN, SSM or a CI runner there).`),
    );
  } else if (access === "public" && cidrs.length === 0) {
    problems.push(
      problemAt(origin, ["cluster", "publicAccessCidrs"], `is required with a public endpoint, which EKS would otherwise open to 0.0.0.0/0; got nothing. List your office, VPN or CI egress CIDRs, or set endpointAccess: private.`),
    );
  } else if (access === "private" && cidrs.length > 0) {
    problems.push(
      problemAt(origin, ["cluster", "publicAccessCidrs"], `has no effect on a private endpoint; got ${describeValue(cidrs)}. Remove it${tier.allowPublicEndpoint ? ', or set endpointAccess: "public"' : ""}.`),
    );
  }
  cidrs.forEach((cidr, index) => {
    if (isOpenCidr(cidr)) {
      problems.push(problemAt(origin, ["cluster", "publicAccessCidrs", index], `opens the Kubernetes API to the whole internet; got ${describeValue(cidr)}. List only the networks that need the API.`));
    }
  });
  if (problems.length > before) return undefined;
  return {
    name,
    kubernetesVersion: cluster.kubernetesVersion ?? FOUNDATION_DEFAULTS.kubernetesVersion,
    endpoint: { privateAccess: true, publicAccess: access === "public", publicAccessCidrs: access === "public" ? [...cidrs] : [] },
    logging: { types: [...new Set(cluster.logTypes ?? tier.logTypes)].sort(), retentionDays: cluster.logRetentionDays ?? tier.logRetentionDays },
    admins: [...new Set(cluster.admins ?? [])].sort(),
    deployerAdmin: cluster.deployerAdmin ?? FOUNDATION_DEFAULTS.deployerAdmin,
    serviceCidr,
  };
}

function resolveRegistry(
  spec: CreateSpec,
  environment: ResolvedEnvironment,
  models: readonly ResolvedModel[],
  serverPools: readonly ResolvedServerPool[],
  imageFiles: readonly ImageFile[],
  origin: Origin,
  problems: Problem[],
): ResolvedRegistry | undefined {
  const prefix = spec.registry?.repositoryPrefix ?? defaultRepositoryPrefix(environment.stack);
  const repositories = new Map<string, ResolvedRepository>();
  for (const runtime of [...new Set(serverPools.map((p) => p.runtime))].sort()) {
    const image = RUNTIME_IMAGES[runtime];
    const keepTags = [...new Set(serverPools.filter((p) => p.runtime === runtime).map((p) => (p.gpu ? image.gpuTag : image.cpuTag)))].sort();
    repositories.set(image.mirrorName, { name: `${prefix}/${image.mirrorName}`, mirrorOf: image.repository, keepTags });
  }
  // The AWS CLI that copies artifacts into pods that cannot read S3 themselves (every TF Serving model).
  if (models.some((m) => modelSource(m, environment).kind === "synced")) {
    repositories.set(SYNC_IMAGE.mirrorName, { name: `${prefix}/${SYNC_IMAGE.mirrorName}`, mirrorOf: SYNC_IMAGE.repository, keepTags: [SYNC_IMAGE.tag] });
  }
  const before = problems.length;
  const host = ecrRegistryHost(spec.aws.accountId, spec.aws.region);
  const custom = Object.entries(spec.registry?.customImages ?? {});
  for (const [name] of custom.filter(([name]) => repositories.has(name))) {
    problems.push(problemAt(origin, ["registry", "customImages", name], `is the repository that mirrors a runtime image; got ${describeValue(name)}. Give the custom image another name, e.g. "${name}-custom".`));
  }
  const customImages = resolveCustomImages(Object.fromEntries(custom.filter(([name]) => !repositories.has(name))), { host, prefix }, imageFiles, origin, problems);
  // The tag this stack pushes is kept whatever its age: pools may run it (RULES ECR-03).
  for (const image of customImages) repositories.set(image.name, { name: image.repository, keepTags: [image.tag] });
  if (problems.length > before) return undefined;
  return {
    host,
    prefix,
    repositories: [...repositories.values()].sort((a, b) => a.name.localeCompare(b.name)),
    ...(spec.registry?.scanType === undefined ? {} : { scanType: spec.registry.scanType }),
    keepTaggedImages: spec.registry?.keepTaggedImages ?? FOUNDATION_DEFAULTS.registry.keepTaggedImages,
    untaggedImageDays: spec.registry?.untaggedImageDays ?? FOUNDATION_DEFAULTS.registry.untaggedImageDays,
    customImages,
  };
}

function resolveModelStore(spec: CreateSpec, environment: ResolvedEnvironment, origin: Origin, problems: Problem[]): ResolvedModelStoreBucket | undefined {
  const tier = FOUNDATION_TIER_DEFAULTS[spec.tier];
  const bucket = environment.modelStore?.bucket;
  if (bucket === undefined) return undefined;
  const logging = spec.modelStore?.accessLogging ?? tier.accessLogging;
  const logBucket = logging ? accessLogBucketName(bucket) : undefined;
  if (logBucket !== undefined && logBucket.length > 63) {
    problems.push(
      problemAt(origin, ["modelStore", "bucket"], `leaves no room for its access log bucket "${logBucket}" (S3 allows 63 characters); got ${describeValue(bucket)}. Shorten the bucket name to ${63 - (logBucket.length - bucket.length)} characters.`),
    );
    return undefined;
  }
  return {
    bucket,
    ...(logBucket === undefined ? {} : { logBucket }),
    noncurrentVersionDays: spec.modelStore?.noncurrentVersionDays ?? tier.noncurrentVersionDays,
    abortIncompleteUploadDays: FOUNDATION_DEFAULTS.modelStore.abortIncompleteUploadDays,
    accessLogDays: FOUNDATION_DEFAULTS.modelStore.accessLogDays,
  };
}

/** One read-only identity per server pool, scoped to the prefixes of the models it serves. */
export function resolveIdentities(
  environment: Pick<ResolvedEnvironment, "namespace">,
  models: readonly ResolvedModel[],
  serverPools: readonly ResolvedServerPool[],
): ResolvedWorkloadIdentity[] {
  return serverPools.map((pool) => {
    const byBucket = new Map<string, Set<string>>();
    for (const model of models.filter((m) => pool.models.includes(m.name))) {
      const { bucket, prefix } = model.artifact.location;
      byBucket.set(bucket, (byBucket.get(bucket) ?? new Set()).add(prefix));
    }
    return {
      serverPool: pool.name,
      namespace: environment.namespace,
      serviceAccount: pool.serviceAccount,
      subject: `${SERVICE_ACCOUNT_SUBJECT_PREFIX}${environment.namespace}:${pool.serviceAccount}`,
      reads: [...byBucket]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([bucket, prefixes]) => ({ bucket, prefixes: [...prefixes].sort() })),
    };
  });
}

/** Settings that only a created foundation uses; with an existing cluster they would silently do nothing. */
function refuseCreateOnlySettings(spec: EnvironmentSpec, origin: Origin, problems: Problem[]): void {
  const refuse = (path: readonly PropertyKey[], value: unknown) =>
    problems.push(
      problemAt(origin, path, `applies only when inferstack creates the cluster (cluster.mode "create"); got ${describeValue(value)}. Remove it: with an existing cluster, your own node groups, registry and bucket keep their settings.`),
    );
  for (const name of Object.keys(spec.nodePools).sort()) {
    const pool = spec.nodePools[name]!;
    for (const key of ["amiType", "diskSizeGiB", "zones"] as const) if (pool[key] !== undefined) refuse(["nodePools", name, key], pool[key]);
  }
  for (const key of ["noncurrentVersionDays", "accessLogging"] as const) {
    if (spec.modelStore?.[key] !== undefined) refuse(["modelStore", key], spec.modelStore[key]);
  }
  for (const key of ["repositoryPrefix", "customImages", "scanType", "keepTaggedImages", "untaggedImageDays", "mirrorRuntimeImages"] as const) {
    if (spec.registry?.[key] !== undefined) refuse(["registry", key], spec.registry[key]);
  }
}
