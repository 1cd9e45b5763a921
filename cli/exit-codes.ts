/** Exit codes of the `inferstack` command. */
export const EXIT = Object.freeze({
  /** Everything passed. */
  ok: 0,
  /** The input was valid but a check failed: a mandatory policy, or a Kubernetes schema. */
  checksFailed: 1,
  /** Invalid configuration or usage: nothing was written. */
  invalidInput: 2,
  /** A defect in inferstack itself; please report it. */
  internal: 3,
});
