/** One mutation of the compliant fixture stack and the exact findings it must produce. */
import { type Tier } from "../../../components/spec/environment";
import { type PolicyContext } from "../../../policies/lib/context";
import { type FixtureStack } from "../fixtures";

export interface PolicyCase {
  /** The policy under test. */
  readonly policy: string;
  /** What the mutation breaks, for the test's name. */
  readonly breaks: string;
  /** @default "prod" */
  readonly tier?: Tier;
  readonly mutate: (stack: FixtureStack) => void;
  /** Changes to the fixture context, for cases about the stack's settings. */
  readonly context?: (context: PolicyContext) => PolicyContext;
  /** The policy's findings, as `<resource name>: <message>` (`stack:` for stack-wide ones). */
  readonly expected: readonly string[];
}
