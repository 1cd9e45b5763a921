import { formatProblem, SpecError } from "../../components/spec/problems";
import { EXIT } from "../exit-codes";
import { plural, type Io } from "../io";
import { loadStack } from "../stack";

/** `inferstack validate <stack>`: parses and resolves the stack, printing every problem. */
export function validateCommand(root: string, stack: string, io: Io): number {
  try {
    const { platform } = loadStack(root, stack);
    const { environment, models } = platform;
    io.out(`stack ${stack} is valid: tier ${environment.tier}, ${plural(models.length, "model")}, ${plural(environment.nodePools.length, "node pool")}.`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof SpecError) return reportProblems(error, io);
    throw error;
  }
}

/** Prints each problem on its own line and returns the invalid-input exit code. */
export function reportProblems(error: SpecError, io: Io): number {
  for (const problem of error.problems) io.err(formatProblem(problem));
  io.err(`${plural(error.problems.length, "problem")} found; nothing was written.`);
  return EXIT.invalidInput;
}
