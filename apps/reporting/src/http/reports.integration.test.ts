import { signedInAs } from "@orders/identity/testing";
import fc from "fast-check";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postgresReportReader } from "../adapters/readers";
import { runRollup } from "../adapters/run-rollup";
import { rollupSettleSeconds } from "../domain/settle-time";
import { addDays, daysInRange, utcDayOf } from "../domain/utc-day";
import { expectedDailySales, expectedTopProducts } from "../testing/expected-sales";
import { ordersArbitrary } from "../testing/order-arbitrary";
import { clearOrders, type FixtureOrder, insertOrders } from "../testing/order-fixtures";
import { checkedApp } from "../testing/reporting-contract";
import { type ReportingHarness, startReportingHarness } from "../testing/reporting-harness";
import { buildOpenApiDocument } from "./openapi/document";

let h: ReportingHarness;

beforeAll(async () => {
  h = await startReportingHarness("reports");
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await clearOrders(h.admin);
});

// After every test, so that a test run alone is held to it too: nothing it did made the app log.
afterEach(() => {
  expect(h.takeLogged()).toEqual({ errors: [], warnings: [] });
});

/** As API Gateway hands it on for a staff member's token. */
const staff = signedInAs("s-1", { staff: true });

async function getJson(path: string) {
  const response = await h.app.request(path, {}, staff);
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions themselves
  const body: any = await response.json();
  return { status: response.status, type: response.headers.get("content-type"), body };
}

const today = () => utcDayOf(new Date());
const item = (sku: string, quantity: number, unitPriceCents: number) => ({ sku, quantity, unitPriceCents });

describe("GET /reports/daily-sales", () => {
  it("shows today's orders before any rollup has run", async () => {
    const now = new Date();
    await insertOrders(h.admin, [
      { status: "accepted", processedAt: now, items: [item("KB-001", 2, 8_999), item("MS-002", 1, 2_999)] },
      { status: "accepted", processedAt: now, items: [item("CB-010", 3, 999)] },
      { status: "rejected", processedAt: now, items: [item("SS-012", 1, 9_999)] },
    ]);
    const { status, body } = await getJson(`/reports/daily-sales?from=${today()}&to=${today()}`);
    expect(status).toBe(200);
    expect(body).toEqual([{ day: today(), orders: 2, units: 6, revenueCents: 2 * 8_999 + 2_999 + 3 * 999 }]);
    expect(await h.admin`select * from daily_sales`).toHaveLength(0);
  });

  it("keeps counting today's new orders after today has been rolled up", async () => {
    const order = (quantity: number): FixtureOrder => ({
      status: "accepted",
      processedAt: new Date(),
      items: [item("KB-001", quantity, 100)],
    });
    await insertOrders(h.admin, [order(1)]);
    await runRollup(h.reporting.sql, [today()]);
    await insertOrders(h.admin, [order(2)]);
    const { body } = await getJson(`/reports/daily-sales?from=${today()}&to=${today()}`);
    expect(body).toEqual([{ day: today(), orders: 2, units: 3, revenueCents: 300 }]);
  });

  it("serves a settled day from the rollup and an unsettled one live", async () => {
    const day = "2026-10-15";
    const dayEnd = Date.parse("2026-10-16T00:00:00Z");
    await insertOrders(h.admin, [
      {
        status: "accepted",
        processedAt: new Date("2026-10-15T23:59:00Z"),
        items: [item("KB-001", 1, 1_000)],
      },
    ]);
    await runRollup(h.reporting.sql, [day]);

    // Rolled up one second too early to be final: a late commit must still show.
    await h.admin`update daily_sales set refreshed_at = ${new Date(dayEnd + (rollupSettleSeconds - 1) * 1000)}`;
    await insertOrders(h.admin, [
      { status: "accepted", processedAt: new Date("2026-10-15T23:59:59Z"), items: [item("KB-001", 1, 500)] },
    ]);
    expect((await getJson(`/reports/daily-sales?from=${day}&to=${day}`)).body).toEqual([
      { day, orders: 2, units: 2, revenueCents: 1_500 },
    ]);

    // Rolled up after the settle time: the (here deliberately marked) rollup row is what the report reads.
    await h.admin`update daily_sales set refreshed_at = ${new Date(dayEnd + rollupSettleSeconds * 1000)},
      revenue_cents = 123`;
    expect((await getJson(`/reports/daily-sales?from=${day}&to=${day}`)).body).toEqual([
      { day, orders: 1, units: 1, revenueCents: 123 },
    ]);
  });

  it("equals a direct aggregate whatever mix of rolled-up and live days a range spans", async () => {
    const end = new Date();
    const days = daysInRange(addDays(utcDayOf(end), -9), utcDayOf(end));
    await fc.assert(
      fc.asyncProperty(
        ordersArbitrary(end, days.length),
        fc.subarray(days),
        fc.integer({ min: 0, max: days.length - 1 }),
        fc.integer({ min: 0, max: days.length - 1 }),
        fc.integer({ min: 1, max: 6 }),
        async (orders, rolledUp, a, b, limit) => {
          await clearOrders(h.admin);
          await insertOrders(h.admin, orders);
          await runRollup(h.reporting.sql, rolledUp);
          const from = days[Math.min(a, b)] as string;
          const to = days[Math.max(a, b)] as string;

          const daily = await getJson(`/reports/daily-sales?from=${from}&to=${to}`);
          expect(daily.body).toEqual(expectedDailySales(orders, from, to));
          const top = await getJson(`/reports/top-products?from=${from}&to=${to}&limit=${limit}`);
          expect(top.body.map(({ name: _, ...rest }: { name: string }) => rest)).toEqual(
            expectedTopProducts(orders, from, to, limit),
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it("accepts a range of exactly 366 days", async () => {
    const { status, body } = await getJson("/reports/daily-sales?from=2024-01-01&to=2024-12-31");
    expect(status).toBe(200);
    expect(body).toEqual([]);
  });
});

describe("GET /reports/top-products", () => {
  it("orders products by revenue, names them from the catalogue and honours the limit", async () => {
    const now = new Date();
    await insertOrders(h.admin, [
      { status: "accepted", processedAt: now, items: [item("CB-010", 10, 999), item("DS-008", 1, 49_999)] },
      { status: "accepted", processedAt: now, items: [item("KB-001", 2, 8_999)] },
      { status: "rejected", processedAt: now, items: [item("CH-007", 5, 34_999)] },
      {
        status: "accepted",
        processedAt: new Date(Date.now() - 86_400_000),
        items: [item("KB-001", 1, 8_999)],
      },
    ]);
    await runRollup(h.reporting.sql, [addDays(today(), -1)]);
    const from = addDays(today(), -1);
    const { body } = await getJson(`/reports/top-products?from=${from}&to=${today()}`);
    expect(body).toEqual([
      { sku: "DS-008", name: "Standing desk", units: 1, revenueCents: 49_999 },
      { sku: "KB-001", name: "Mechanical keyboard", units: 3, revenueCents: 26_997 },
      { sku: "CB-010", name: "Cable kit", units: 10, revenueCents: 9_990 },
    ]);
    const limited = await getJson(`/reports/top-products?from=${from}&to=${today()}&limit=1`);
    expect(limited.body.map((p: { sku: string }) => p.sku)).toEqual(["DS-008"]);
  });
});

describe("validation", () => {
  it.each([
    ["/reports/daily-sales", "/from", "missing from and to"],
    ["/reports/daily-sales?to=2026-11-01", "/from", "missing from"],
    ["/reports/daily-sales?from=2026-11-01", "/to", "missing to"],
    ["/reports/daily-sales?from=2026-11-1&to=2026-11-02", "/from", "a day not as YYYY-MM-DD"],
    ["/reports/daily-sales?from=2026-02-30&to=2026-03-02", "/from", "a day that does not exist"],
    ["/reports/daily-sales?from=2026-11-02&to=yesterday", "/to", "a word for a day"],
    ["/reports/daily-sales?from=0000-12-31&to=0001-01-01", "/from", "year 0, which PostgreSQL has not"],
    ["/reports/top-products?from=0000-01-01&to=0000-01-02", "/to", "year 0 in both"],
    ["/reports/daily-sales?from=2026-11-02&to=2026-11-01", "/to", "a reversed range"],
    ["/reports/daily-sales?from=2024-01-01&to=2025-01-01", "/to", "367 days"],
    ["/reports/top-products?from=2026-11-02&to=2026-11-01", "/to", "a reversed range"],
    ["/reports/top-products?from=2025-01-01&to=2026-11-01", "/to", "a range over 366 days"],
    ["/reports/top-products?from=2026-11-01&to=2026-11-02&limit=0", "/limit", "limit 0"],
    ["/reports/top-products?from=2026-11-01&to=2026-11-02&limit=101", "/limit", "limit 101"],
    ["/reports/top-products?from=2026-11-01&to=2026-11-02&limit=2.5", "/limit", "a fractional limit"],
    ["/reports/top-products?from=2026-11-01&to=2026-11-02&limit=ten", "/limit", "a non-numeric limit"],
  ])("GET %s → 400 naming %s (%s)", async (path, pointer) => {
    const { status, type, body } = await getJson(path);
    expect(status).toBe(400);
    expect(type).toBe("application/problem+json");
    expect(body).toMatchObject({ status: 400, title: "Request is invalid", instance: path.split("?")[0] });
    expect(body.type).toMatch(/validation-error$/);
    expect(body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    for (const error of body.errors)
      expect(error).toMatchObject({ in: "query", message: expect.any(String) });
  });

  it("lists every failing parameter with its message, as the routes did with @hono/zod-openapi", async () => {
    const missing = await getJson("/reports/top-products?limit=ten");
    expect(missing.body.errors).toEqual([
      { in: "query", pointer: "/from", path: ["from"], message: "required, as YYYY-MM-DD" },
      { in: "query", pointer: "/to", path: ["to"], message: "required, as YYYY-MM-DD" },
      { in: "query", pointer: "/limit", path: ["limit"], message: "must be a whole number" },
    ]);
    const range = await getJson("/reports/top-products?from=2026-11-02&to=2026-11-01&limit=101");
    expect(range.body.errors).toEqual([
      { in: "query", pointer: "/limit", path: ["limit"], message: "must be at most 100" },
      { in: "query", pointer: "/to", path: ["to"], message: "must not be before from" },
    ]);
    const repeated = await getJson("/reports/daily-sales?from=2026-11-02&to=2026-11-01&to=2026-11-03");
    expect(repeated.body.errors).toEqual([
      { in: "query", pointer: "/to", path: ["to"], message: "required, as YYYY-MM-DD" },
    ]);
    const backwards = await getJson("/reports/daily-sales?from=2026-11-02&to=2026-11-01");
    expect(backwards.body.errors).toEqual([
      { in: "query", pointer: "/to", path: ["to"], message: "must not be before from" },
    ]);
  });
});

describe("service", () => {
  it("answers unknown paths with a 404 problem", async () => {
    const { status, type, body } = await getJson("/reports/nothing");
    expect([status, type]).toEqual([404, "application/problem+json"]);
    expect(body).toMatchObject({ status: 404, instance: "/reports/nothing" });
  });

  it("publishes an OpenAPI document describing the three reports and their problems", async () => {
    const { status, body } = await getJson("/openapi.json");
    expect(status).toBe(200);
    expect(Object.keys(body.paths).sort()).toEqual([
      "/reports/daily-sales",
      "/reports/queue",
      "/reports/top-products",
    ]);
    const params = body.paths["/reports/top-products"].get.parameters.map((p: { name: string }) => p.name);
    expect(params.sort()).toEqual(["from", "limit", "to"]);
    expect(body.paths["/reports/daily-sales"].get.responses["400"].content).toHaveProperty([
      "application/problem+json",
    ]);
  });

  it("serves the document generated from the schemas that validate, byte for byte (else: npm run openapi -w @orders/reporting)", async () => {
    const served = await h.app.request("/openapi.json");
    expect(served.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await served.text()).toBe(JSON.stringify(buildOpenApiDocument()));
  });

  it("serves the dashboard page and Chart.js from its own origin", async () => {
    const page = await h.app.request("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('src="/assets/chart.umd.min.js"');
    expect(html).toMatch(new RegExp(`data-to="${today()}"`));
    const chart = await h.app.request("/assets/chart.umd.min.js");
    expect(chart.headers.get("content-type")).toContain("javascript");
    expect(await chart.text()).toContain("Chart.js v4");
  });

  it("answers 503 problem+json when the database cannot be reached, and logs it as a warning", async () => {
    const unreachable = postgres("postgres://nobody:secret@127.0.0.1:1/none", { max: 1, connect_timeout: 2 });
    try {
      const app = checkedApp({
        reports: postgresReportReader(() => unreachable),
        queues: { read: () => Promise.reject(new Error("not used")) },
        logger: h.logger,
      });
      const response = await app.request(`/reports/daily-sales?from=${today()}&to=${today()}`, {}, staff);
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const body = await response.json();
      expect(body).toMatchObject({ status: 503, type: expect.stringMatching(/database-unavailable$/) });
      expect((body as { requestId?: string }).requestId).toBe(response.headers.get("x-request-id"));
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      expect(h.takeLogged()).toEqual({
        errors: [],
        warnings: [
          expect.objectContaining({
            message: expect.any(String),
            correlation_id: response.headers.get("x-request-id"),
            cause: expect.objectContaining({ message: expect.stringMatching(/ECONNREFUSED/) }),
          }),
        ],
      });
    } finally {
      await unreachable.end();
    }
  });

  it("logs an unexpected failure as an error and answers a generic 500", async () => {
    const app = checkedApp({
      reports: postgresReportReader(() => h.reportingHttp.sql),
      queues: { read: () => Promise.reject(new Error("queue reader broke")) },
      logger: h.logger,
    });
    const response = await app.request("/reports/queue", {}, staff);
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(await response.text()).not.toContain("queue reader broke");
    expect(h.takeLogged()).toEqual({
      errors: [
        expect.objectContaining({
          correlation_id: response.headers.get("x-request-id"),
          error: expect.objectContaining({ message: "queue reader broke" }),
        }),
      ],
      warnings: [],
    });
  });
});
