import type * as pulumi from "@pulumi/pulumi";
import { type ResolvedMonitoring } from "../resolve/types";
import { type ReceiverEndpoints } from "./alertmanager";

/** The secret config values monitoring needs, read by the program and passed to the platform. */
export interface MonitoringSecrets {
  /** Grafana's admin password. */
  readonly grafanaAdminPassword: pulumi.Input<string>;
  /** Endpoint of every configured receiver, by kind. */
  readonly receiverEndpoints: ReceiverEndpoints<pulumi.Input<string>>;
}

/**
 * Reads the secrets a monitoring setup needs with `read` (e.g. `(key) => config.requireSecret(key)`):
 * Grafana's admin password and the endpoint of each configured receiver. Resolve has already checked
 * that every one of them is set.
 */
export function readMonitoringSecrets(monitoring: ResolvedMonitoring, read: (key: string) => pulumi.Input<string>): MonitoringSecrets {
  const receiverEndpoints: Partial<Record<string, pulumi.Input<string>>> = {};
  for (const receiver of monitoring.alerting.receivers) receiverEndpoints[receiver.kind] = read(receiver.secretKey);
  return { grafanaAdminPassword: read(monitoring.grafanaAdminPasswordKey), receiverEndpoints };
}
