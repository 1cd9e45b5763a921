import { stringify } from "yaml";
import { type ResolvedLogging, type ResolvedPlatform } from "../resolve/types";
import { eckServices } from "./elasticsearch";
import { validateFilebeatConfig } from "./filebeat";
import { validateIlmPolicy } from "./ilm";
import { validateOperatorValues } from "./operator";
import { renderLogging } from "./render";
import { ilmPolicyText } from "./shipper";

/** How an operator reaches the logs of an environment. */
export interface LoggingAccess {
  readonly namespace: string;
  /** Kibana's Service, port and the command that forwards it to `https://localhost:5601`. */
  readonly kibana: { readonly service: string; readonly port: number; readonly portForward: string; readonly url: string };
  /** Elasticsearch's in-cluster HTTPS endpoint. */
  readonly elasticsearch: { readonly service: string; readonly url: string };
  /** Prints the password of the `elastic` user, which ECK generates and keeps in a Secret. */
  readonly elasticPassword: string;
  readonly retentionDays: number;
}

/** The access facts of the logging stack: derived from names, so the same before and after deploy. */
export function loggingAccess(logging: ResolvedLogging): LoggingAccess {
  const services = eckServices(logging);
  return {
    namespace: logging.namespace,
    kibana: {
      service: services.kibana.name,
      port: services.kibana.port,
      portForward: `kubectl -n ${logging.namespace} port-forward service/${services.kibana.name} ${services.kibana.port}`,
      url: `https://localhost:${services.kibana.port}`,
    },
    elasticsearch: {
      service: services.elasticsearch.name,
      url: `https://${services.elasticsearch.name}.${logging.namespace}.svc:${services.elasticsearch.port}`,
    },
    elasticPassword: `kubectl -n ${logging.namespace} get secret ${logging.name}-es-elastic-user -o go-template='{{.data.elastic | base64decode}}'`,
    retentionDays: logging.retentionDays,
  };
}

/** The "Logging" section of the plan summary (Markdown). */
export function loggingSummary(platform: ResolvedPlatform): string {
  const logging = platform.logging;
  if (!logging) return "Logging is off in this environment (`inferstack:environment.logging.enabled: false`).";
  const es = logging.elasticsearch;
  const access = loggingAccess(logging);
  const rows = [
    ["Elastic Stack", `${logging.stackVersion} (ECK operator chart 3.5.0)`],
    ["Elasticsearch nodes", `${es.nodes} master-eligible${es.spreadAcrossZones ? ", spread over zones, zone-aware allocation" : ""}`],
    ["Data volume per node", `${es.storageGiB} GiB ${es.persistentStorage ? "persistent, encrypted (`elasticsearch-data` claim)" : "emptyDir (lost when a pod restarts)"}`],
    ["Replica shards", String(es.indexReplicas)],
    ["Retention", `${logging.retentionDays} days after rollover (daily rollover)`],
    ["Sizing", `needs ${logging.sizing.neededGiB} GiB of ${logging.sizing.usableGiB} GiB usable (${logging.dailyIngestGiB} GiB a day)`],
    ["Kibana", `${logging.kibana.replicas} replica(s), ClusterIP only: \`${access.kibana.portForward}\`, then ${access.kibana.url}`],
  ];
  return [`| Setting | Value |`, `| --- | --- |`, ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}

/**
 * The logging files the plan writes under `logging/` (the Filebeat configuration and the ILM policy,
 * as Filebeat and Elasticsearch read them) and the line its checks report. Empty when logging is off.
 */
export function loggingPlanFiles(platform: ResolvedPlatform): { files: Map<string, string>; check?: string } {
  const files = new Map<string, string>();
  if (!platform.logging) return { files };
  const rendered = renderLogging(platform.environment, platform.logging, platform.serverPools);
  files.set("logging/filebeat.yml", stringify(rendered.filebeatConfig, { lineWidth: 0 }));
  files.set("logging/ilm-policy.json", ilmPolicyText(rendered.ilmPolicy));
  const errors = [...validateFilebeatConfig(rendered.filebeatConfig), ...validateIlmPolicy(rendered.ilmPolicy), ...validateOperatorValues(rendered.operator.values)];
  return {
    files,
    check:
      errors.length === 0
        ? "Logging: Filebeat configuration, ILM policy and eck-operator chart values valid (zod schemas); Elasticsearch, Kibana and Beat checked against the ECK 3.5 CRD schemas with the Kubernetes objects."
        : `Logging: ${errors.length} INVALID settings: ${errors.join("; ")}`,
  };
}
