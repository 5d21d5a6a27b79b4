import { existsSync } from "node:fs";
import type { ServiceName } from "@orders/settings";
import { repoPath } from "./repo-paths";

/** One process of the local stack. */
export interface ServiceSpec {
  name: string;
  /** Repository-relative entry file. */
  entry: string;
  /** Whose database role it logs in as (`DATABASE_URL`). */
  role: ServiceName;
  /** Further roles it logs in as, by the variable that carries each one's URL. */
  moreRoles?: Record<string, ServiceName>;
  /** HTTP port it must listen on before the stack counts as ready (none: the worker). */
  port?: number;
  /** The environment variable that chooses that port. */
  portVariable?: string;
  /** Variables of its own on top of the shared ones. */
  env: Record<string, string>;
}

export interface PlanInput {
  apiPort: number;
  reportingPort: number;
  reportingScheduleSeconds: number;
}

/**
 * The services of the stack, each with the entry file infra's Lambda also uses (or its local wrapper): the
 * API and reporting servers, and the worker's event-source-mapping runner around the real handler.
 */
export function servicePlan(input: PlanInput): ServiceSpec[] {
  return [
    {
      name: "api",
      entry: "apps/api/src/local.ts",
      role: "api",
      port: input.apiPort,
      portVariable: "PORT",
      env: { PORT: String(input.apiPort) },
    },
    { name: "worker", entry: "tools/local-stack/src/worker-runner.ts", role: "worker", env: {} },
    {
      name: "reporting",
      entry: "apps/reporting/src/local.ts",
      // The reports as the HTTP function's read-only role, the rollup as its own, as in AWS.
      role: "reportingHttp",
      moreRoles: { ROLLUP_DATABASE_URL: "reporting" },
      port: input.reportingPort,
      portVariable: "REPORTING_PORT",
      env: {
        REPORTING_PORT: String(input.reportingPort),
        REPORTING_SCHEDULE_SECONDS: String(input.reportingScheduleSeconds),
      },
    },
  ];
}

/** The files a service needs before it can start (the worker runner needs the worker's Lambda handler). */
export function missingFiles(spec: ServiceSpec): string[] {
  const needed =
    spec.name === "worker" ? [spec.entry, "apps/order-worker/src/handlers/lambda.ts"] : [spec.entry];
  return needed.filter((file) => !existsSync(repoPath(file)));
}
