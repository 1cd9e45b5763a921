/** Reads a stack for synthesis: the one resolve step of both engines, plus "is there a foundation?". */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadStack } from "../cli/stack";
import { stackFile } from "../components/project";
import { problemAt } from "../components/spec/issues";
import { SpecError, type Problem } from "../components/spec/problems";
import { parseStackConfig } from "../components/spec/stack";
import { parseStackFile } from "../components/spec/stack-file";
import { renderMirrorCommands } from "../components/registry/render";
import { type ResolvedFoundation } from "../components/resolve/foundation-types";
import { type ResolvedPlatform } from "../components/resolve/types";

/** A platform whose foundation inferstack creates. */
export type FoundationPlatform = ResolvedPlatform & { readonly foundation: ResolvedFoundation };

/** True when the platform creates its foundation (`cluster.mode: create`). */
export function hasFoundation(platform: ResolvedPlatform): platform is FoundationPlatform {
  return platform.foundation !== undefined;
}

/**
 * Parses and resolves `stack` (`loadPlatform`, the same step `plan` runs) and returns its platform
 * when it creates its foundation. Throws {@link SpecError} with the spec's problems, or with one
 * problem at `cluster.mode` when the stack brings its own cluster: there is nothing to synthesize.
 */
export function loadFoundationPlatform(root: string, stack: string): FoundationPlatform {
  const { platform } = loadStack(root, stack);
  if (hasFoundation(platform)) return platform;
  throw new SpecError([noFoundationProblem(root, stack)]);
}

/** The problem of a bring-your-own stack, located at its `cluster.mode` line. */
function noFoundationProblem(root: string, stack: string): Problem {
  const file = stackFile(stack);
  const message =
    'brings its own cluster, so there is no AWS foundation to synthesize; got "existing". Set cluster.mode: create to have inferstack create the foundation, or deploy the serving layer with pulumi up.';
  // loadStack has parsed and resolved this file already: both steps succeed here.
  const input = parseStackFile(stack, file, fs.readFileSync(path.join(root, file), "utf8")).input!;
  return problemAt(parseStackConfig(input).config!.environmentOrigin, ["cluster", "mode"], message);
}

/**
 * What a synthesis prints besides its checks: where the CDK engine behaves differently from `pulumi
 * up` in a way the user must act on.
 */
export function foundationNotes(platform: FoundationPlatform): string[] {
  const notes: string[] = [];
  if (platform.foundation.cluster.admins.length === 0) {
    notes.push(
      "cluster.admins is empty: nobody gets Kubernetes access to the cluster this template creates (the identity running cdk deploy gets none, unlike pulumi up). List the role that deploys the serving layer in cluster.admins.",
    );
  }
  // The Pulumi engine exports these as `foundation.mirrorCommands`; a template has no place for them.
  for (const command of renderMirrorCommands(platform.foundation.registry)) notes.push(`after cdk deploy, copy the pinned image: ${command}`);
  return notes;
}
