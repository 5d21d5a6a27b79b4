import { checkedLambda } from "@orders/contract-check";
import { apiGatewayEvent } from "@orders/local-aws/testing";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcDayOf } from "../domain/utc-day";
import { insertOrders } from "../testing/order-fixtures";
import { reportingContract } from "../testing/reporting-contract";
import { type ReportingHarness, startReportingHarness } from "../testing/reporting-harness";

// The Lambda entry points read their configuration from the environment, as in AWS: set it, then import.
let h: ReportingHarness;
let rollup: typeof import("./rollup-lambda");
let http: typeof import("./http-lambda");

beforeAll(async () => {
  h = await startReportingHarness("lambda");
  // Both functions in one process: the reports as the HTTP function's role, the rollup as its own.
  process.env.DATABASE_URL = h.database.serviceUrl("reportingHttp");
  process.env.ROLLUP_DATABASE_URL = h.database.serviceUrl("reporting");
  process.env.ORDERS_QUEUE_URL = h.queues.urls.orders;
  process.env.ORDERS_DLQ_URL = h.queues.urls.deadLetter;
  process.env.POWERTOOLS_LOG_LEVEL = "WARN";
  rollup = await import("./rollup-lambda");
  http = await import("./http-lambda");
});

afterAll(async () => {
  await http?.runtime.close();
  await rollup?.runtime.close();
  await h?.close();
});

const scheduledEvent = {
  version: "0",
  id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: new Date().toISOString(),
  region: "us-east-1",
  resources: ["arn:aws:events:us-east-1:123456789012:rule/reporting-rollup"],
  detail: {},
};

describe("rollup-lambda handler", () => {
  it("rolls up today and yesterday on a scheduled event, as orders_reporting", async () => {
    await insertOrders(h.admin, [
      {
        status: "accepted",
        processedAt: new Date(),
        items: [{ sku: "KB-001", quantity: 2, unitPriceCents: 8_999 }],
      },
    ]);
    const today = utcDayOf(new Date());
    const result = await rollup.handler(scheduledEvent);
    expect(result).toMatchObject({ days: [addDays(today, -1), today], orders: 1, productRows: 1 });
    const [row] =
      await h.admin`select orders, revenue_cents::int as revenue from daily_sales where day = ${today}`;
    expect(row).toEqual({ orders: 1, revenue: 17_998 });
    const [who] =
      await h.admin`select count(*)::int as n from pg_stat_activity where usename = 'orders_reporting'`;
    expect(who?.n).toBeGreaterThan(0);
  });

  it("backfills the days an event asks for and refuses a malformed request", async () => {
    const result = await rollup.handler({ from: "2026-01-30", to: "2026-02-01" });
    expect(result.days.slice(0, 3)).toEqual(["2026-01-30", "2026-01-31", "2026-02-01"]);
    await expect(rollup.handler({ days: ["2026-13-01"] })).rejects.toThrow(/days/);
  });
});

describe("http-lambda handler", () => {
  it("answers an API Gateway HTTP API event with the report", async () => {
    const today = utcDayOf(new Date());
    const event = apiGatewayEvent("GET", `/reports/daily-sales?from=${today}&to=${today}`, {
      headers: { accept: "application/json" },
      // What API Gateway's JWT authorizer adds for a staff member's Cognito token.
      claims: { sub: "s-1", "cognito:groups": "[staff]" },
    });
    // The result is held to the published document, as the gateway would hand it to a client.
    const handler = checkedLambda(
      (e: typeof event) => http.handler(e as never) as Promise<APIGatewayProxyStructuredResultV2>,
      reportingContract,
    );
    const response = await handler(event);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? "")).toEqual([
      { day: today, orders: 1, units: 2, revenueCents: 17_998 },
    ]);
  });
});
