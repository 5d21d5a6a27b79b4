import type { ServiceEnv } from "@orders/http-kit";
import { type HeadlessChromium, launchChromium, type Page } from "@orders/local-browser";
import {
  authorizeInSwaggerUi,
  type PageWatch,
  tryGetInSwaggerUi,
  watchPage,
} from "@orders/local-browser/testing";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresReportReader, sqsQueueDepthReader } from "../adapters/readers";
import { runRollup } from "../adapters/run-rollup";
import { addDays, daysInRange, utcDayOf } from "../domain/utc-day";
import { type DashboardBehindSignIn, serveDashboardBehindSignIn } from "../testing/dashboard-behind-sign-in";
import { demoOrders } from "../testing/demo-orders";
import { insertOrders } from "../testing/order-fixtures";
import { checkedApp } from "../testing/reporting-contract";
import { type ReportingHarness, startReportingHarness } from "../testing/reporting-harness";

let h: ReportingHarness;
let service: DashboardBehindSignIn;
let browser: HeadlessChromium;
let page: Page;
let staffToken: string;
/** The Authorization header of every report request the service received (behind the authorizer). */
const received: { path: string; authorization: string | null }[] = [];
let watch: PageWatch;

const now = new Date();
const to = utcDayOf(now);
const from = addDays(to, -6);

beforeAll(async () => {
  h = await startReportingHarness("docs");
  await insertOrders(h.admin, demoOrders(now, 7));
  await runRollup(h.reporting.sql, daysInRange(from, addDays(to, -2)));
  service = await serveDashboardBehindSignIn((signIn) => {
    const app = checkedApp({
      reports: postgresReportReader(() => h.reporting.sql),
      queues: sqsQueueDepthReader(() => h.queues.sqs, h.queues.urls),
      logger: h.logger,
      signIn,
    });
    const recording = new Hono<ServiceEnv>();
    recording.all("*", (c) => {
      const url = new URL(c.req.url);
      if (url.pathname.startsWith("/reports")) {
        received.push({
          path: `${url.pathname}${url.search}`,
          authorization: c.req.header("authorization") ?? null,
        });
      }
      return app.fetch(c.req.raw, c.env);
    });
    return recording;
  });
  staffToken = await service.idp.tokenFor("dana-staff", { staff: true });
  browser = await launchChromium();
  page = await browser.context.newPage();
  watch = await watchPage(page, service.served.url, { failedResponses: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await h?.close();
});

describe("/docs in headless Chromium", () => {
  it("sends a staff report request with a pasted token to this service and shows its answer", async () => {
    const response = await page.goto(`${service.served.url}/docs`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector(".opblock-summary-path[data-path='/reports/daily-sales']", {
      timeout: 20_000,
    });
    await authorizeInSwaggerUi(page, staffToken);
    const shown = await tryGetInSwaggerUi(page, "/reports/daily-sales", { from, to });

    expect(shown.status).toBe("200");
    const direct = await fetch(`${service.served.url}/reports/daily-sales?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    expect(shown.body).toEqual(await direct.json());
    expect(shown.body).not.toEqual([]);

    expect(received[0]).toEqual({
      path: `/reports/daily-sales?from=${from}&to=${to}`,
      authorization: `Bearer ${staffToken}`,
    });
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.problems).toEqual([]);
    expect(h.takeLogged().errors).toEqual([]);
  });

  it("shows a problem type URI's anchor once the UI is drawn, also where the browser keeps no scroll anchor", async () => {
    // Chromium keeps the anchor in view as the UI grows above it (CSS scroll anchoring); Safari does not.
    // Turned off here (a constructed stylesheet, which the page's CSP does not govern), the page's own jump
    // must do it.
    const docs = await browser.context.newPage();
    await docs.addInitScript({
      content: `const sheet = new CSSStyleSheet();
        sheet.replaceSync("* { overflow-anchor: none }");
        document.adoptedStyleSheets = [sheet];`,
    });
    await docs.goto(`${service.served.url}/docs#problem-forbidden`);
    await docs.waitForSelector(".opblock-summary-path[data-path='/reports/daily-sales']");
    expect(await docs.evaluate(`getComputedStyle(document.body).overflowAnchor`)).toBe("none");
    // Browser-side expressions as text: this project's types describe Node, not the DOM.
    const inView = () =>
      docs.evaluate(`(() => {
        const box = document.getElementById("problem-forbidden").getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;
      })()`);
    await expect.poll(inView).toBe(true);
    expect(await docs.evaluate("scrollY")).toBeGreaterThan(0);
    await docs.close();
  });
});
