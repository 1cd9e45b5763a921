import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { estimateCost } from "../components/cost/estimate";
import { foundationOutputs } from "../components/foundation/outputs";
import { discoveryOutputs } from "../components/discovery/report";
import { readMonitoringSecrets } from "../components/observability/secrets";
import { loggingAccess } from "../components/logging/report";
import { ModelServingPlatform } from "../components/platform/platform";
import { listStacks, readCatalog, readImageFiles, stackFile } from "../components/project";
import { loadPlatform, PLATFORM_DEFAULTS } from "../components/resolve";
import { formatProblem, SpecError } from "../components/spec/problems";
import { CONFIG_KEYS, CONFIG_NAMESPACE, type ConfigEntry } from "../components/spec/stack";

/** Project root: the directory holding Pulumi.yaml. */
const ROOT = path.resolve(__dirname, "..");

/**
 * The Pulumi program: reads the stack's config and the catalog, resolves them, and builds the platform.
 * `pulumi up` runs it through `stacks/index.ts`; `inferstack plan` runs the same function under the
 * SDK's mock engine.
 * @param root project root holding `stacks/` and the catalog. @default the directory of Pulumi.yaml
 */
export async function program(root: string = ROOT): Promise<Record<string, unknown>> {
  const stack = pulumi.getStack();
  const entries = configEntries();
  const catalogDir = (entries.get(`${CONFIG_NAMESPACE}:catalog`)?.value as string | undefined) ?? PLATFORM_DEFAULTS.catalogDir;
  const catalog = readCatalog(root, catalogDir);
  if (catalog.problems.length > 0) throw new pulumi.RunError(catalog.problems.map(formatProblem).join("\n"));

  let platform;
  try {
    platform = loadPlatform({ config: { stack, file: stackFile(stack), entries }, catalog: catalog.files, stacks: listStacks(root), imageFiles: readImageFiles(root) });
  } catch (error) {
    // RunError prints the message without a stack trace: the user sees one line per problem.
    if (error instanceof SpecError) throw new pulumi.RunError(error.message);
    throw error;
  }

  // A created cluster brings its own kubeconfig; an existing one needs the secret (resolve checked it).
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const kubeconfig = platform.foundation ? undefined : config.requireSecret("kubeconfig");
  const monitoringSecrets = platform.monitoring && readMonitoringSecrets(platform.monitoring, (key) => config.requireSecret(key));
  const inferstack = new ModelServingPlatform("inferstack", {
    platform,
    ...(kubeconfig === undefined ? {} : { kubeconfig }),
    ...(monitoringSecrets ? { monitoringSecrets } : {}),
  });
  return {
    environment: { stack, tier: platform.environment.tier, namespace: platform.environment.namespace },
    endpoints: inferstack.endpoints,
    cost: estimateCost(platform),
    ...(inferstack.foundation === undefined ? {} : { foundation: foundationOutputs(inferstack.foundation, platform.foundation!) }),
    ...(platform.discovery === undefined ? {} : { discovery: discoveryOutputs(platform.discovery) }),
    ...(inferstack.observability ? { monitoring: inferstack.observability.urls } : {}),
    ...(platform.logging === undefined ? {} : { logging: loggingAccess(platform.logging) }),
  };
}

/** The stack's config as the engine passes it; object-valued keys arrive as JSON text. */
function configEntries(): Map<string, ConfigEntry> {
  const entries = new Map<string, ConfigEntry>();
  for (const [key, text] of Object.entries(pulumi.runtime.allConfig())) {
    const name = key.startsWith(`${CONFIG_NAMESPACE}:`) ? key.slice(CONFIG_NAMESPACE.length + 1) : undefined;
    const spec = name === undefined ? undefined : CONFIG_KEYS[name];
    entries.set(key, { value: spec?.kind === "object" ? parseJson(text) : text, secret: undefined });
  }
  return entries;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
