import { type ImageFile } from "../registry/build";
import { parseCatalog, type CatalogFile } from "../spec/catalog";
import { SpecError, sortProblems, type Problem } from "../spec/problems";
import { parseStackConfig, type StackConfigInput } from "../spec/stack";
import { resolvePoolImages } from "./custom-images";
import { consulPlacementProblems, resolveDiscovery, withDiscoveryDrain } from "./discovery";
import { DISCOVERY_DEFAULTS } from "./discovery-defaults";
import { resolveEnvironment } from "./environment";
import { resolveFoundation } from "./foundation";
import { resolveLogging } from "./logging";
import { resolveModels } from "./models";
import { resolveMonitoring } from "./monitoring";
import { resolvePolicy } from "./policy";
import { readerRoleProblems, resolveServerPools, withReaderRoles } from "./server-pools";
import { type ResolvedPlatform } from "./types";

export * from "./types";
export { TIER_DEFAULTS, PLATFORM_DEFAULTS } from "./defaults";
export * from "./foundation-types";
export { FOUNDATION_DEFAULTS, FOUNDATION_TIER_DEFAULTS } from "./foundation-defaults";
export { DISCOVERY_DEFAULTS, DISCOVERY_TIER_DEFAULTS, CONSUL_CHART } from "./discovery-defaults";
export { ECK_CHART, LOGGING_DEFAULTS, LOGGING_TIER_DEFAULTS } from "./logging-defaults";
export { POLICY_TIER_DEFAULTS } from "./policy";

/** Everything `loadPlatform` reads, already in memory (it does no I/O). */
export interface PlatformInput {
  /** The stack's configuration. */
  readonly config: StackConfigInput;
  /** Every file of the catalog. */
  readonly catalog: readonly CatalogFile[];
  /** Names of every stack of the project, for checking the catalog's environment keys. */
  readonly stacks: readonly string[];
  /** Names of every policy of the pack; when given, policy names in the settings are checked. */
  readonly policies?: readonly string[];
  /**
   * Every file under `images/` with its SHA-256 (`readImageFiles`): the custom images' build contexts.
   * @default none: a stack with custom images then reports each missing Dockerfile
   */
  readonly imageFiles?: readonly ImageFile[];
}

/**
 * Parses and resolves one stack: the single entry point both engines and the CLI use.
 * Pure and deterministic. Throws a {@link SpecError} listing every problem found; never returns a
 * partial result.
 */
export function loadPlatform(input: PlatformInput): ResolvedPlatform {
  const problems: Problem[] = [];
  const stackConfig = parseStackConfig(input.config);
  problems.push(...stackConfig.problems);
  const catalog = parseCatalog(input.catalog, input.stacks);
  problems.push(...catalog.problems);

  let platform: ResolvedPlatform | undefined;
  if (stackConfig.config) {
    const { environment: spec, environmentOrigin, secretKeys } = stackConfig.config;
    const env = resolveEnvironment(input.config.stack, spec, secretKeys, environmentOrigin);
    problems.push(...env.problems);
    if (env.environment) {
      const models = resolveModels(catalog.models, env.environment);
      problems.push(...models.problems);
      const pools = resolveServerPools(models.models, catalog.models, env.environment);
      problems.push(...pools.problems);
      const discovery = resolveDiscovery(spec.discovery, env.environment, models.models, catalog.models, environmentOrigin);
      problems.push(...discovery.problems);
      const serviceCidr = spec.discovery?.dns?.serviceCidr ?? DISCOVERY_DEFAULTS.serviceCidr;
      const serverPools = withReaderRoles(withDiscoveryDrain(pools.serverPools, discovery.discovery), env.environment);
      problems.push(...readerRoleProblems(env.environment, serverPools, environmentOrigin));
      const foundation = resolveFoundation(spec, env.environment, models.models, serverPools, secretKeys, environmentOrigin, serviceCidr, input.imageFiles);
      problems.push(...foundation.problems);
      const images = resolvePoolImages(catalog.models, serverPools, env.environment, foundation.foundation?.registry);
      problems.push(...images.problems);
      problems.push(...consulPlacementProblems(spec, discovery.discovery, foundation.foundation, environmentOrigin));
      const monitoring = resolveMonitoring(spec, env.environment, secretKeys, environmentOrigin);
      problems.push(...monitoring.problems);
      const logging = resolveLogging(spec.logging, env.environment, environmentOrigin);
      problems.push(...logging.problems);
      const policy = resolvePolicy(spec, env.environment, environmentOrigin, input.policies);
      problems.push(...policy.problems);
      platform = deepFreeze({
        environment: env.environment,
        models: models.models,
        serverPools: images.serverPools,
        ...(foundation.foundation === undefined ? {} : { foundation: foundation.foundation }),
        ...(discovery.discovery === undefined ? {} : { discovery: discovery.discovery }),
        ...(monitoring.monitoring === undefined ? {} : { monitoring: monitoring.monitoring }),
        ...(logging.logging === undefined ? {} : { logging: logging.logging }),
        policy: policy.policy,
      });
    }
  }
  if (problems.length > 0 || !platform) throw new SpecError(sortProblems(problems));
  return platform;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
