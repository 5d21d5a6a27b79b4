import { copyFilesFor, docsPageFiles } from "@orders/http-kit/docs-page-files";
import { orderFlow } from "@orders/settings";

/** Lambda settings every function states explicitly instead of inheriting SST defaults. */
export const lambdaRuntime = { runtime: "nodejs24.x", architecture: "arm64" } as const;

/**
 * Active tracing on every function: Lambda samples invocations and records their segments in X-Ray, and
 * sets `_X_AMZN_TRACE_ID`, which the api passes to SQS so the trace reaches the worker's records
 * (`AWSTraceHeader`). No tracing SDK runs in the functions: Lambda's own segments, the trace header and
 * the trace id in the logs are enough to follow one order, at no cold-start cost ("Visualize Lambda
 * function invocations using AWS X-Ray", Lambda developer guide). Merged into `aws.lambda.Function`'s
 * arguments by each function's `transform.function`.
 */
export const lambdaTracing = { tracingConfig: { mode: "Active" } } as const;

/**
 * The managed policy Lambda's execution role needs to send trace data when active tracing is on
 * (`xray:PutTraceSegments`, `xray:PutTelemetryRecords`); the console adds it, infrastructure code must.
 */
export function xrayWritePolicyArn(partition = "aws"): string {
  return `arn:${partition}:iam::aws:policy/AWSXRayDaemonWriteAccess`;
}

export interface FunctionSpec {
  /** Handler path from the repo root (`file.export`); the files are owned by the app teams. */
  handler: string;
  memory: `${number} MB`;
  timeoutSeconds: number;
  /** Name reported by Powertools logs and metrics. */
  serviceName: string;
}

/**
 * Size and handler of every function. Timeouts: the API answers within API Gateway's 30 s limit with room
 * to spare; the worker's comes from orderFlow (the queue's visibility timeout is derived from it); the
 * migrator may have to build indexes. Each outlasts the deadlines of the calls it makes (`deadlines` in
 * @orders/settings; the tests check it), so a silent dependency ends in the service's own 503 or
 * retryable failure, never in Lambda killing the function.
 */
export const functionSpecs = {
  api: {
    handler: "apps/api/src/handlers/lambda.handler",
    memory: "512 MB",
    timeoutSeconds: 10,
    serviceName: "api",
  },
  worker: {
    handler: "apps/order-worker/src/handlers/lambda.handler",
    memory: "1024 MB",
    timeoutSeconds: orderFlow.workerTimeoutSeconds,
    serviceName: "order-worker",
  },
  reportingHttp: {
    handler: "apps/reporting/src/handlers/http-lambda.handler",
    memory: "512 MB",
    timeoutSeconds: 15,
    serviceName: "reporting",
  },
  rollup: {
    handler: "apps/reporting/src/handlers/rollup-lambda.handler",
    memory: "512 MB",
    timeoutSeconds: 120,
    serviceName: "reporting-rollup",
  },
  migrator: {
    handler: "packages/db/src/migrator-lambda.handler",
    memory: "512 MB",
    timeoutSeconds: 300,
    serviceName: "migrator",
  },
} as const satisfies Record<string, FunctionSpec>;

/** `"30 seconds"`: SST's duration format. */
export function seconds(value: number): `${number} seconds` {
  return `${value} seconds`;
}

/**
 * What the two HTTP functions ship beside their bundle (SST `copyFiles`, paths from the repository root):
 * Swagger UI's files, which their `/docs` page serves itself instead of loading them from a CDN.
 */
export const docsPageCopyFiles = copyFilesFor(Object.values(docsPageFiles));

/**
 * The dashboard's browser code, bundled from its TypeScript by the reporting package's `build` and committed
 * (a reporting test fails while it is stale), shipped beside the reporting bundle, where the service reads it
 * under the same relative name.
 */
export const dashboardScriptCopyFile = {
  from: "apps/reporting/generated/dashboard.js",
  to: "generated/dashboard.js",
};

/** Where the migrator finds the SQL files inside its bundle (copied there by `copyFiles`). */
export const migrationsBundlePath = "migrations";
