/**
 * The CDK context every synthesis uses, from the two committed files the CDK CLI reads too:
 * `cdk.json` (feature flags, among them the CloudFormation validator's errors-are-fatal flag) and
 * `cdk.context.json` (each account's availability zones, so synthesis never asks AWS). And the check
 * that the context knows every zone a foundation uses.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type ResolvedPlatform } from "../components/resolve/types";
import { listChoices, type Problem } from "../components/spec/problems";

/** Files of the project root the context comes from. */
export const CONTEXT_FILES = Object.freeze({ app: "cdk.json", lookups: "cdk.context.json" });

/** Feature flag that makes findings of the bundled CloudFormation validator fatal. */
export const VALIDATOR_ERRORS_FATAL_FLAG = "@aws-cdk/core:validateAgainstDefaultRules";

/** The context key under which the CDK caches an account's availability zones in a region. */
export function availabilityZonesKey(accountId: string, region: string): string {
  return `availability-zones:account=${accountId}:region=${region}`;
}

/** The merged context of `cdk.json` and `cdk.context.json` at `root` (missing files count as empty). */
export function readCdkContext(root: string): Record<string, unknown> {
  const read = (file: string): Record<string, unknown> => {
    const full = path.join(root, file);
    return fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, "utf8")) as Record<string, unknown>) : {};
  };
  const app = read(CONTEXT_FILES.app);
  return { ...((app.context as Record<string, unknown> | undefined) ?? {}), ...read(CONTEXT_FILES.lookups) };
}

/**
 * Problems that would make the CDK ask AWS for zones or refuse the VPC: no cached zones for the
 * environment's account and region, or a zone of the foundation that the account does not have.
 */
export function availabilityZoneProblems(platform: ResolvedPlatform, context: Readonly<Record<string, unknown>>): Problem[] {
  const { accountId, region } = platform.environment.aws;
  const key = availabilityZonesKey(accountId, region);
  const cached = context[key];
  if (!Array.isArray(cached) || cached.length === 0) {
    return [
      {
        file: CONTEXT_FILES.lookups,
        path: key,
        message: `has no availability zones, so the CDK would ask AWS for them; got nothing. Add the key with the output of \`aws ec2 describe-availability-zones --region ${region} --query "AvailabilityZones[].ZoneName"\` run in account ${accountId}.`,
      },
    ];
  }
  const zones = platform.foundation?.network.zones.map((z) => z.name) ?? [];
  return zones
    .filter((zone) => !cached.includes(zone))
    .map((zone) => ({
      file: CONTEXT_FILES.lookups,
      path: key,
      message: `does not list zone ${JSON.stringify(zone)} that the foundation uses; got ${listChoices(cached.map(String))}. Use zones of the account (cluster.network.zones), or refresh the list from \`aws ec2 describe-availability-zones\`.`,
    }));
}
