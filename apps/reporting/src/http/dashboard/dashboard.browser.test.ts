import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { type HeadlessChromium, launchChromium, type Page } from "@orders/local-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresReportReader, sqsQueueDepthReader } from "../../adapters/readers";
import { runRollup } from "../../adapters/run-rollup";
import { rollupDays } from "../../domain/rollup-days";
import { addDays, daysInRange, utcDayOf } from "../../domain/utc-day";
import {
  type DashboardBehindSignIn,
  serveDashboardBehindSignIn,
  signInThroughTheForm,
} from "../../testing/dashboard-behind-sign-in";
import { demoOrders } from "../../testing/demo-orders";
import { insertOrders } from "../../testing/order-fixtures";
import { checkedApp } from "../../testing/reporting-contract";
import { type ReportingHarness, startReportingHarness } from "../../testing/reporting-harness";

let h: ReportingHarness;
let dashboard: DashboardBehindSignIn;
let served: { url: string };
let browser: HeadlessChromium;
let page: Page;
let staffToken: string;
const problems: string[] = [];
const foreignRequests: string[] = [];
let staffPassword: string;
let customerPassword: string;

const now = new Date();
const to = utcDayOf(now);
const from = addDays(to, -29);

beforeAll(async () => {
  h = await startReportingHarness("dashboard");
  await insertOrders(h.admin, demoOrders(now, 30));
  // Older days from the rollups, today and yesterday live: the page must not be able to tell.
  await runRollup(h.reporting.sql, daysInRange(from, addDays(to, -2)));
  await h.queues.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: h.queues.urls.deadLetter,
      Entries: [0, 1, 2].map((i) => ({ Id: `d${i}`, MessageBody: `{"n":${i}}` })),
    }),
  );
  dashboard = await serveDashboardBehindSignIn((signIn) =>
    checkedApp({
      reports: postgresReportReader(() => h.reportingHttp.sql),
      queues: sqsQueueDepthReader(() => h.queues.sqs, h.queues.urls),
      logger: h.logger,
      signIn,
    }),
  );
  served = dashboard.served;
  const idp = dashboard.idp;
  staffPassword = (await idp.identity.accounts.ensure("dana-staff", true)).password;
  customerPassword = (await idp.identity.accounts.ensure("carl-customer", false)).password;
  staffToken = await idp.tokenFor("dana-staff", { staff: true });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(served.url) && !url.startsWith(dashboard.idp.identity.issuer))
      foreignRequests.push(url);
  });
  await signInThroughTheForm(page, dashboard, { username: "dana-staff", password: staffPassword });
  await page.waitForSelector("main[data-ready='true']", { timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await h?.close();
});

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${served.url}${path}`, {
    headers: { authorization: `Bearer ${staffToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** What a Chart.js instance on the page is drawing: its labels and first dataset. */
function chartData(id: string) {
  return page.evaluate((canvasId) => {
    const chart = (globalThis as unknown as { Chart: { getChart(id: string): unknown } }).Chart.getChart(
      canvasId,
    ) as { data: { labels: string[]; datasets: { data: number[] }[] } } | undefined;
    return chart ? { labels: chart.data.labels, values: chart.data.datasets[0]?.data } : undefined;
  }, id);
}

const tableRows = (id: string) =>
  page.$$eval(`#${id} tbody tr`, (rows) =>
    rows.map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent)),
  );

const text = (id: string) => page.textContent(`#${id}`);

describe("dashboard in headless Chromium", () => {
  it("signs staff in through the provider's form, without console errors, using only its origin and the issuer", async () => {
    expect(problems).toEqual([]);
    expect(h.takeLogged().errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(await text("session-status")).toBe("Signed in as dana-staff (staff)");
    expect(await page.isHidden("#access-message")).toBe(true);
    // The token stays in memory: nothing of it in the address, storage or cookies of the dashboard's origin.
    expect(page.url()).toBe(`${served.url}/?days=30`);
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).toBe("{}");
    expect(await browser.context.cookies(served.url)).toEqual([]);
  });

  it("draws revenue and orders per day exactly as /reports/daily-sales returns them", async () => {
    const daily = await api<{ day: string; orders: number; units: number; revenueCents: number }[]>(
      `/reports/daily-sales?from=${from}&to=${to}`,
    );
    expect(daily.length).toBeGreaterThanOrEqual(29);
    const days = daysInRange(from, to);
    const byDay = new Map(daily.map((d) => [d.day, d]));

    const revenue = await chartData("revenue-chart");
    expect(revenue?.labels).toEqual(days.map((d) => d.slice(5)));
    expect(revenue?.values).toEqual(days.map((d) => (byDay.get(d)?.revenueCents ?? 0) / 100));
    const orders = await chartData("orders-chart");
    expect(orders?.values).toEqual(days.map((d) => byDay.get(d)?.orders ?? 0));

    const usd = (cents: number) =>
      new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
    expect(await tableRows("daily-table")).toEqual(
      daily.map((d) => [
        d.day,
        d.orders.toLocaleString("en-US"),
        d.units.toLocaleString("en-US"),
        usd(d.revenueCents),
      ]),
    );
    expect(await text("total-revenue")).toBe(usd(daily.reduce((s, d) => s + d.revenueCents, 0)));
    expect(await text("total-orders")).toBe(daily.reduce((s, d) => s + d.orders, 0).toLocaleString("en-US"));
  });

  it("draws the top products as /reports/top-products returns them", async () => {
    const top = await api<{ sku: string; name: string; units: number; revenueCents: number }[]>(
      `/reports/top-products?from=${from}&to=${to}&limit=10`,
    );
    expect(top.length).toBeGreaterThan(3);
    const chart = await chartData("products-chart");
    expect(chart?.labels).toEqual(top.map((p) => p.name));
    expect(chart?.values).toEqual(top.map((p) => p.revenueCents / 100));
    expect((await tableRows("products-table")).map((r) => r[0])).toEqual(top.map((p) => p.sku));
  });

  it("shows the queue and dead-letter depth from SQS, flagging a non-empty DLQ", async () => {
    expect(await text("dlq-visible")).toBe("3");
    expect(await text("queue-visible")).toBe("0");
    expect(await page.getAttribute("#dlq-tile", "class")).toContain("alert");
  });

  it("counts today's orders that no rollup has seen yet", async () => {
    expect(rollupDays(now)).toContain(to);
    const [row] = await h.admin`select count(*)::int as n from daily_sales where day = ${to}`;
    expect(row?.n).toBe(0);
    const daily = await api<{ day: string }[]>(`/reports/daily-sales?from=${from}&to=${to}`);
    expect(daily.map((d) => d.day)).toContain(to);
  });

  it("tells a signed-in customer that reports are for staff, asking for none, without console errors", async () => {
    await browser.context.clearCookies();
    const customerPage = await browser.context.newPage();
    const seen: string[] = [];
    customerPage.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") seen.push(message.text());
    });
    customerPage.on("pageerror", (error) => seen.push(error.message));
    customerPage.on("response", (response) => {
      if (response.status() >= 400) seen.push(`${response.status()} ${response.url()}`);
    });
    const reportRequests: string[] = [];
    customerPage.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/reports")) reportRequests.push(request.url());
    });
    await signInThroughTheForm(customerPage, dashboard, {
      username: "carl-customer",
      password: customerPassword,
    });
    await customerPage.waitForSelector("main[data-ready='forbidden']");
    expect(await customerPage.textContent("#access-message")).toMatch(
      /carl-customer, who is not staff.*reports are for staff/,
    );
    expect(await customerPage.isVisible("#revenue-chart")).toBe(false);
    expect(reportRequests).toEqual([]);
    expect(seen).toEqual([]);
    // What the page spares the customer, the API enforces anyway.
    const token = await dashboard.idp.tokenFor("carl-customer");
    const direct = await fetch(`${served.url}/reports/queue`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(direct.status).toBe(403);
    await customerPage.close();
  });

  it("signs out of the provider too: the next Sign in asks for the password again", async () => {
    await browser.context.clearCookies();
    const shared = await browser.context.newPage();
    const seen: string[] = [];
    shared.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") seen.push(message.text());
    });
    shared.on("pageerror", (error) => seen.push(error.message));
    await signInThroughTheForm(shared, dashboard, { username: "dana-staff", password: staffPassword });
    await shared.waitForSelector("main[data-ready='true']");

    await shared.click("#sign-out");
    // The provider asks before it ends its session (a link alone must not sign anyone out).
    await shared.waitForURL(`${dashboard.idp.identity.issuer}/session/end**`);
    expect(await shared.title()).toBe("Sign out · serverless-orders (local)");
    await shared.click("button[name=logout][value=yes]");
    await shared.waitForURL(`${served.url}/`);
    await shared.waitForSelector("main[data-ready='signed-out']");
    expect(await shared.textContent("#session-status")).toBe("Signed out.");

    await shared.click("#sign-in");
    await shared.waitForSelector("input[name=password], main[data-ready='true']");
    expect(shared.url()).toMatch(new RegExp(`^${dashboard.idp.identity.issuer}/interaction/`));
    expect(await shared.isVisible("input[name=password]")).toBe(true);
    expect(seen).toEqual([]);
    await shared.close();
  });
});
