import * as pulumi from "@pulumi/pulumi";
import { planMocks } from "./mocks";
import { plainValue } from "./values";

/** One resource the program registered, as the engine would see it. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent (the stack for top-level resources). */
  readonly parent?: string;
  /** True for provider resources, false for components. */
  readonly custom: boolean;
  /** URN of the explicit provider, when one is set. */
  readonly provider?: string;
  /** URNs of explicit `dependsOn` resources, sorted. */
  readonly dependsOn: readonly string[];
  /** Inputs with secrets masked and resource references reduced to URNs. */
  readonly inputs: Record<string, unknown>;
  /** Outputs a component registered (`registerOutputs`), secrets masked. */
  readonly outputs?: Record<string, unknown>;
}

/** What one run of a program under the mock engine produced. */
export interface MockRun {
  /** Every resource, components included, sorted by URN. */
  readonly resources: readonly RecordedResource[];
  /** Stack outputs, secrets masked. */
  readonly outputs: Record<string, unknown>;
}

/** Everything needed to run a program under the mock engine. */
export interface MockRunArgs {
  readonly project: string;
  readonly stack: string;
  /** Stack config: namespaced keys, string values (objects as JSON), as the Pulumi CLI passes them. */
  readonly config: Record<string, string>;
  /** Config keys that hold secrets. */
  readonly secretKeys: readonly string[];
  readonly region: string;
  readonly accountId: string;
  /** The Pulumi program; its resolved value becomes the stack outputs. */
  readonly program: () => Promise<Record<string, unknown>>;
}

interface ProtoStruct {
  toJavaScript(): Record<string, unknown>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getObject(): ProtoStruct | undefined;
}

interface MonitorCallbacks {
  registerResource(req: RegisterRequest, callback: (err: unknown, resp?: { getUrn(): string }) => void): void;
  registerResourceOutputs(req: { getUrn(): string; getOutputs(): ProtoStruct | undefined }, callback: (err: unknown, resp?: unknown) => void): void;
}

/**
 * A stack formatter for the mock run that leaves the SDK's stack probes unformatted.
 *
 * Every registration makes the SDK read `new Error().stack` at unlimited depth (the resource's source
 * position and stack trace, `Resource.callsites`) and once more per promise it tracks for leak
 * diagnostics (`debuggablePromise`); the source-map support that swc's require hook installs remaps
 * every frame of each, and the SDK then parses and marshals them. The mock engine never reads source
 * positions, and that work made up most of a 1,000-model plan. The probes are message-less plain
 * `Error`s: their stack is just the header, so the SDK records no source position. Every other error
 * is formatted as before, with the formatter that was installed (or V8's layout when none was).
 * @internal exported for tests
 */
export function withoutProbeStacks(format: ErrorConstructor["prepareStackTrace"] | undefined): NonNullable<ErrorConstructor["prepareStackTrace"]> {
  return (error, frames) => {
    if (error instanceof Error && Object.getPrototypeOf(error) === Error.prototype && error.message === "") return "Error";
    if (format) return format(error, frames) as unknown;
    return `${String(error)}${frames.map((frame) => `\n    at ${String(frame)}`).join("")}`;
  };
}

/** The SDK's promise bookkeeping for leak diagnostics (an internal module without type declarations). */
interface PromiseBookkeeping {
  debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal SDK module: its .d.ts declares nothing
const bookkeeping = require("@pulumi/pulumi/runtime/debuggable") as PromiseBookkeeping;

/**
 * Turns the SDK's promise bookkeeping off until the returned function is called.
 *
 * The SDK passes every promise it creates for a resource through `debuggablePromise`: four per output
 * property, plus the URN, the ID and each RPC. Each one gets a fresh `Error` for its stack, a label
 * (which embeds the property's input value as a string), an entry in a set of leak candidates and two
 * more promises and closures that take it out of the set when it settles. All of it is live until the
 * promise settles, and under the mock engine every resource's promises are pending at once. The set
 * serves one purpose, a message at process exit about promises that never settled; under the mock
 * engine such a promise leaves the command unfinished when the event loop runs dry, which
 * bin/inferstack.js reports (exit 3). Without the bookkeeping each promise is handed back as it is:
 * its value, its rejection and its handlers are unchanged.
 */
function withoutPromiseBookkeeping(): () => void {
  const original = bookkeeping.debuggablePromise;
  // An SDK without it (a later release may move it) runs as it is: only slower and larger.
  if (typeof original !== "function") return () => undefined;
  bookkeeping.debuggablePromise = (promise) => promise;
  return () => {
    bookkeeping.debuggablePromise = original;
  };
}

/**
 * Runs a Pulumi program in-process under the SDK's mock engine and records every resource it
 * registers, with URN, parent, provider and inputs. Nothing is deployed and no network is used.
 */
export async function runUnderMocks(args: MockRunArgs): Promise<MockRun> {
  await pulumi.runtime.setMocks(planMocks({ region: args.region, accountId: args.accountId }), args.project, args.stack, false);
  pulumi.runtime.setAllConfig(args.config, [...args.secretKeys]);

  const registered = new Map<string, Omit<RecordedResource, "outputs">>();
  const componentOutputs = new Map<string, Record<string, unknown>>();
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorCallbacks;
  const registerResource = monitor.registerResource.bind(monitor);
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);

  monitor.registerResource = (req, callback) => {
    const struct = req.getObject();
    const wire = struct?.toJavaScript() ?? {};
    // The mock monitor converts the same Struct again (deserializeProperties); neither conversion
    // mutates the result, so both use this one.
    if (struct) struct.toJavaScript = () => wire;
    registerResource(req, (err, resp) => {
      if (!err && resp) {
        const urn = resp.getUrn();
        const parent = req.getParent();
        const provider = req.getProvider();
        registered.set(urn, {
          urn,
          type: req.getType(),
          name: req.getName(),
          ...(parent ? { parent } : {}),
          custom: req.getCustom(),
          ...(provider ? { provider: provider.split("::").slice(0, -1).join("::") } : {}),
          dependsOn: [...req.getDependenciesList()].sort(),
          inputs: plainValue(wire) as Record<string, unknown>,
        });
      }
      callback(err, resp);
    });
  };
  monitor.registerResourceOutputs = (req, callback) => {
    const outputs = req.getOutputs()?.toJavaScript();
    if (outputs) componentOutputs.set(req.getUrn(), plainValue(outputs) as Record<string, unknown>);
    registerResourceOutputs(req, callback);
  };

  // An exception inside the engine also surfaces as an unhandled rejection; keep the first failure.
  let failure: unknown;
  const onRejection = (reason: unknown) => {
    failure ??= reason;
  };
  process.on("unhandledRejection", onRejection);
  const prepareStackTrace = Error.prepareStackTrace;
  Error.prepareStackTrace = withoutProbeStacks(prepareStackTrace);
  const restoreBookkeeping = withoutPromiseBookkeeping();
  try {
    await pulumi.runtime.runInPulumiStack(args.program);
    await pulumi.runtime.disconnect();
    // A registration that failed (an input that rejected, say) reaches us only as an unhandled
    // rejection, which Node reports after the current microtasks: wait for a turn of the event loop
    // so that it arrives while the listener is still installed.
    await new Promise((resolve) => setImmediate(resolve));
  } catch (error) {
    failure ??= error;
  } finally {
    restoreBookkeeping();
    Error.prepareStackTrace = prepareStackTrace;
    process.off("unhandledRejection", onRejection);
  }
  if (failure !== undefined) throw failure;

  const resources = [...registered.values()]
    .map((r) => (componentOutputs.has(r.urn) && !r.custom ? { ...r, outputs: componentOutputs.get(r.urn)! } : r))
    .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack");
  return { resources, outputs: (stack && componentOutputs.get(stack.urn)) ?? {} };
}
