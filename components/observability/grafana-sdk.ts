/**
 * The Grafana foundation SDK modules the dashboards use. The SDK publishes each module only as a
 * package subpath export (`@grafana/grafana-foundation-sdk/dashboard`), which this project's
 * `moduleResolution: node10` cannot type: the modules are required through their export names at run
 * time and typed from the files those names point to.
 * @see https://github.com/grafana/grafana-foundation-sdk/tree/main/typescript
 */
import type * as Common from "@grafana/grafana-foundation-sdk/dist/common";
import type * as DashboardModule from "@grafana/grafana-foundation-sdk/dist/dashboard";
import type * as Prometheus from "@grafana/grafana-foundation-sdk/dist/prometheus";
import type * as Stat from "@grafana/grafana-foundation-sdk/dist/stat";
import type * as Timeseries from "@grafana/grafana-foundation-sdk/dist/timeseries";

/* eslint-disable @typescript-eslint/no-require-imports -- subpath exports, see above */
export const common = require("@grafana/grafana-foundation-sdk/common") as typeof Common;
export const dashboard = require("@grafana/grafana-foundation-sdk/dashboard") as typeof DashboardModule;
export const prometheus = require("@grafana/grafana-foundation-sdk/prometheus") as typeof Prometheus;
export const stat = require("@grafana/grafana-foundation-sdk/stat") as typeof Stat;
export const timeseries = require("@grafana/grafana-foundation-sdk/timeseries") as typeof Timeseries;
/* eslint-enable @typescript-eslint/no-require-imports */

/** A built dashboard (the SDK's `dashboard.Dashboard`). */
export type Dashboard = DashboardModule.Dashboard;
