/**
 * Checks an ECR lifecycle policy against the rules ECR applies when the policy is put (AWS ECR user
 * guide, "Lifecycle policy properties", FACTS §6.3): unique priorities, a `tagStatus: any` rule
 * last, tag lists only on tagged rules and required there, at most four wildcards per pattern,
 * `countUnit` only with `sinceImagePushed`, at most one untagged rule.
 */
import { type LifecycleRule } from "./render";

/** Problems of a lifecycle policy, one sentence each; [] when ECR would accept it. */
export function validateLifecyclePolicy(policy: { readonly rules: readonly LifecycleRule[] }): string[] {
  const errors: string[] = [];
  const priorities = policy.rules.map((r) => r.rulePriority);
  if (new Set(priorities).size !== priorities.length) errors.push(`rule priorities must be unique; got ${priorities.join(", ")}`);
  const highest = Math.max(...priorities);
  policy.rules.forEach((rule) => {
    const at = `rule ${rule.rulePriority}`;
    const { selection } = rule;
    const status = selection.tagStatus as string;
    if (status === "any" && rule.rulePriority !== highest) errors.push(`${at}: a tagStatus "any" rule must have the highest priority number`);
    if (status === "tagged" && (selection.tagPatternList ?? []).length === 0) errors.push(`${at}: a tagged rule needs tagPatternList or tagPrefixList`);
    if (status !== "tagged" && selection.tagPatternList !== undefined) errors.push(`${at}: only tagged rules may list tags`);
    for (const pattern of selection.tagPatternList ?? []) {
      if ((pattern.match(/\*/g) ?? []).length > 4) errors.push(`${at}: pattern "${pattern}" has more than 4 wildcards`);
    }
    if ((selection.countUnit !== undefined) !== (selection.countType === "sinceImagePushed")) errors.push(`${at}: countUnit goes with sinceImagePushed and only there`);
    if (!Number.isInteger(selection.countNumber) || selection.countNumber < 1) errors.push(`${at}: countNumber must be a positive integer`);
    if (rule.action.type !== "expire") errors.push(`${at}: the action must be "expire"`);
  });
  if (policy.rules.filter((r) => r.selection.tagStatus === "untagged").length > 1) errors.push("only one rule may select untagged images");
  return errors;
}
