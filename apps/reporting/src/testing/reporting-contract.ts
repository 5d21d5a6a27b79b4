import { holdToContract, loadContract, type OpenApiDocument } from "@orders/contract-check";
import type { ServiceEnv } from "@orders/http-kit";
import type { Hono } from "hono";
import { shippedDashboardAssets } from "../adapters/dashboard-assets";
import { createApp, type ReportingDeps } from "../http/create-app";
import document from "../http/openapi/openapi.json" with { type: "json" };

/**
 * The reporting service's published document (the file `/openapi.json` serves, byte for byte) as the judge
 * of every exchange a test has with the service. Served outside it: the document itself, `/docs`, and the
 * dashboard (its page, its scripts and `/me`).
 */
export const reportingContract = loadContract(document as unknown as OpenApiDocument, {
  outside: ["/openapi.json", "/docs", "/docs/*", "/", "/me", "/assets/*"],
});

/**
 * The reporting app as `createApp` builds it, every response it gives held to the document: a test
 * that gets a response the document does not describe fails, naming the operation and what broke. Tests
 * build the app with this, never with `createApp` itself; the dashboard's scripts are this package's unless
 * a test hands in its own.
 *
 * @example
 * const app = checkedApp({ reports, queues, logger });
 */
export function checkedApp(
  deps: Omit<ReportingDeps, "assets"> & Partial<Pick<ReportingDeps, "assets">>,
): Hono<ServiceEnv> {
  return holdToContract(createApp({ assets: shippedDashboardAssets(), ...deps }), reportingContract);
}
