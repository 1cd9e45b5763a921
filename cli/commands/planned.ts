import { SpecError } from "../../components/spec/problems";
import { plural, type Io } from "../io";
import { computePlan, type ComputedPlan } from "../plan/compute";
import { reportProblems } from "./validate";

/**
 * The plan `plan` and `policy` both start from: resolves the stack (printing its shape), runs the
 * program under the mock engine, and on invalid configuration reports every problem and returns the
 * exit code instead (nothing written).
 */
export async function planOrExitCode(root: string, stack: string, io: Io): Promise<ComputedPlan | number> {
  try {
    return await computePlan(root, stack, ({ platform }) => {
      io.err(`  ✓ spec valid: tier ${platform.environment.tier}, ${plural(platform.models.length, "model")}, ${plural(platform.environment.nodePools.length, "node pool")}`);
      io.err("  … running the Pulumi program under the mock engine");
    });
  } catch (error) {
    if (error instanceof SpecError) return reportProblems(error, io);
    throw error;
  }
}
