import { apiGatewayEvent, sqsEvent, sqsRecord } from "@orders/local-aws/testing";
import { serviceRoles } from "@orders/settings";
import { benchOrderMessage } from "../harness/order-messages";

/** What a cold-start run needs to know about the local dependencies it invokes against. */
export interface LocalDeps {
  /** Base environment: queue URLs and the emulator's SQS endpoint and dummy credentials. */
  env: Record<string, string>;
  databaseUrl(service: "api" | "worker" | "reporting"): string;
  queueArn: string;
}

export interface HandlerUnderTest {
  name: string;
  /** Handler file from the repository root (the path infra points at). */
  entry: string;
  /** Environment for the function, or undefined when its invocation cannot run locally. */
  env(deps: LocalDeps): Record<string, string>;
  /** The event of its one measured invocation ("none": measure init only). */
  event(deps: LocalDeps): unknown;
  /** Files infra ships beside the function's bundle (SST `copyFiles`, `from` the repository root). */
  copyFiles?: readonly { from: string; to: string }[];
  note?: string;
  /** A yardstick rather than a platform function: shown beside them, held to none of their limits. */
  reference?: true;
}

/** A yardstick for the api's way of sending its SQS message: a handler in this folder that sends one message. */
function sqsClientReference(name: string, file: string, note: string): HandlerUnderTest {
  return {
    name,
    entry: `bench/src/cold-start/${file}`,
    env: (deps) => deps.env,
    event: () => ({}),
    note: `reference: ${note}`,
    reference: true,
  };
}

/**
 * Every Lambda handler of the platform (paths fixed by the team's conventions), plus yardsticks: an empty
 * handler, and one handler per way of sending the api's SQS message (the AWS SDK's client, its signer with
 * fetch, @aws-lite/client, aws4fetch), each sending one message on its first invocation.
 */
export const handlersUnderTest: HandlerUnderTest[] = [
  {
    name: "empty",
    entry: "bench/src/cold-start/empty-handler.ts",
    env: (deps) => deps.env,
    event: () => ({}),
  },
  sqsClientReference(
    "sdk-client-only",
    "sdk-client-handler.ts",
    "one SQS client at module scope; its invocation sends one message",
  ),
  sqsClientReference(
    "sqs-sdk-signer",
    "sqs-client-sdk-signer.ts",
    "the SDK's SigV4 signer (@smithy/signature-v4) and fetch, one SendMessage",
  ),
  sqsClientReference(
    "sqs-aws-lite",
    "sqs-client-aws-lite.ts",
    "@aws-lite/client, one SendMessage over the JSON protocol",
  ),
  sqsClientReference(
    "sqs-aws4fetch",
    "sqs-client-aws4fetch.ts",
    "aws4fetch's AwsClient, one SendMessage over the JSON protocol",
  ),
  {
    name: "api",
    entry: "apps/api/src/handlers/lambda.ts",
    env: (deps) => ({ ...deps.env, DATABASE_URL: deps.databaseUrl("api") }),
    event: () =>
      apiGatewayEvent("POST", "/orders", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ customerId: "cold-start", items: [{ sku: "KB-001", quantity: 1 }] }),
        claims: { sub: "cold-start" },
      }),
  },
  {
    name: "order-worker",
    entry: "apps/order-worker/src/handlers/lambda.ts",
    env: (deps) => ({ ...deps.env, DATABASE_URL: deps.databaseUrl("worker") }),
    event: (deps) =>
      sqsEvent([
        {
          ...sqsRecord(JSON.stringify(benchOrderMessage(Math.floor(Math.random() * 1e6)))),
          eventSourceARN: deps.queueArn,
        },
      ]),
  },
  {
    name: "reporting-http",
    entry: "apps/reporting/src/handlers/http-lambda.ts",
    env: (deps) => ({ ...deps.env, DATABASE_URL: deps.databaseUrl("reporting") }),
    // Its runtime finds the dashboard's bundle at start-up (infra's `dashboardScriptCopyFile`).
    copyFiles: [{ from: "apps/reporting/generated/dashboard.js", to: "generated/dashboard.js" }],
    event: () => {
      const today = new Date().toISOString().slice(0, 10);
      return apiGatewayEvent("GET", `/reports/daily-sales?from=${today}&to=${today}`, {
        claims: { sub: "cold-start-staff", "cognito:groups": "[staff]" },
      });
    },
  },
  {
    name: "reporting-rollup",
    entry: "apps/reporting/src/handlers/rollup-lambda.ts",
    env: (deps) => ({ ...deps.env, DATABASE_URL: deps.databaseUrl("reporting") }),
    event: () => ({}),
  },
  {
    name: "migrator",
    entry: "apps/migrator/src/handlers/lambda.ts",
    // Its configuration is read at init, as infra sets it; nothing is contacted until it is invoked.
    env: (deps) => ({
      ...deps.env,
      DB_HOST: "127.0.0.1",
      DB_NAME: "orders",
      MASTER_SECRET_ARN: "cold-start-master",
      SERVICE_SECRET_ARNS: JSON.stringify(
        Object.fromEntries(Object.keys(serviceRoles).map((service) => [service, `cold-start-${service}`])),
      ),
      MIGRATIONS_FOLDER: "migrations",
    }),
    event: () => "none",
    note: "init only: its invocation reads Secrets Manager, which has no local emulator here",
  },
];
