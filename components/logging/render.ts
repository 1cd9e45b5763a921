import { type ResolvedEnvironment, type ResolvedLogging, type ResolvedServerPool } from "../resolve/types";
import { renderElasticsearch, renderKibana } from "./elasticsearch";
import { renderFilebeatConfig, validateFilebeatConfig, type FilebeatConfig } from "./filebeat";
import { renderIlmPolicy, validateIlmPolicy, type IlmPolicyBody } from "./ilm";
import { renderLoggingNamespace, renderLoggingNetworkPolicies, renderOperatorNamespace } from "./namespaces";
import { renderOperatorRelease, validateOperatorValues } from "./operator";
import { renderBeat, renderIlmConfigMap, renderShipperRbac } from "./shipper";

/** Everything the logging area creates, as plain data. */
export interface RenderedLogging {
  readonly operatorNamespace: ReturnType<typeof renderOperatorNamespace>;
  readonly namespace: ReturnType<typeof renderLoggingNamespace>;
  readonly networkPolicies: ReturnType<typeof renderLoggingNetworkPolicies>;
  readonly operator: ReturnType<typeof renderOperatorRelease>;
  readonly rbac: ReturnType<typeof renderShipperRbac>;
  readonly ilmPolicy: IlmPolicyBody;
  readonly ilmConfigMap: ReturnType<typeof renderIlmConfigMap>;
  readonly filebeatConfig: FilebeatConfig;
  readonly elasticsearch: ReturnType<typeof renderElasticsearch>;
  readonly kibana: ReturnType<typeof renderKibana>;
  readonly beat: ReturnType<typeof renderBeat>;
}

/**
 * Renders the logging area of one environment. The chart values, the ILM policy and the Filebeat
 * configuration are checked against their schemas here, before any resource sees them; a failure is a
 * defect in inferstack (resolve has already refused bad input), so it throws.
 */
export function renderLogging(environment: ResolvedEnvironment, logging: ResolvedLogging, serverPools: readonly ResolvedServerPool[]): RenderedLogging {
  const operator = renderOperatorRelease(logging);
  const ilmPolicy = renderIlmPolicy(logging);
  const filebeatConfig = renderFilebeatConfig(environment, logging, serverPools);
  assertValid("eck-operator chart values", validateOperatorValues(operator.values));
  assertValid("ILM policy", validateIlmPolicy(ilmPolicy));
  assertValid("Filebeat configuration", validateFilebeatConfig(filebeatConfig));
  return {
    operatorNamespace: renderOperatorNamespace(environment),
    namespace: renderLoggingNamespace(environment, logging),
    networkPolicies: renderLoggingNetworkPolicies(environment, logging),
    operator,
    rbac: renderShipperRbac(environment, logging),
    ilmPolicy,
    ilmConfigMap: renderIlmConfigMap(environment, logging, ilmPolicy),
    filebeatConfig,
    elasticsearch: renderElasticsearch(environment, logging),
    kibana: renderKibana(environment, logging),
    beat: renderBeat(environment, logging, filebeatConfig, ilmPolicy),
  };
}

function assertValid(what: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`inferstack rendered an invalid ${what}:\n${errors.join("\n")}`);
}
