import type { ServiceEnv } from "@orders/http-kit";
import { type HeadlessChromium, launchChromium, type Page } from "@orders/local-browser";
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
const problems: string[] = [];
const foreignRequests: string[] = [];

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
  // Anything the page's Content-Security-Policy blocks (an inline script or style, another origin) is a problem.
  await page.addInitScript({
    content: `document.addEventListener("securitypolicyviolation", (event) =>
      console.error("CSP blocked " + event.effectiveDirective + ": " + event.blockedURI));`,
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on("request", (request) => {
    if (!request.url().startsWith(service.served.url)) foreignRequests.push(request.url());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await h?.close();
});

/** Pastes a bearer token into Swagger UI's "Authorize" dialog, as a reader would. */
async function authorize(docs: Page, token: string): Promise<void> {
  await docs.click(".scheme-container button.authorize");
  await docs.fill(".auth-container input[type=text], .auth-container input[type=password]", token);
  await docs.click(".auth-btn-wrapper button.authorize");
  await docs.click(".auth-btn-wrapper button.btn-done");
}

describe("/docs in headless Chromium", () => {
  it("sends a staff report request with a pasted token to this service and shows its answer", async () => {
    const response = await page.goto(`${service.served.url}/docs`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector(".opblock-summary-path[data-path='/reports/daily-sales']", {
      timeout: 20_000,
    });
    await authorize(page, staffToken);

    const operation = page.locator(".opblock-get", {
      has: page.locator(".opblock-summary-path[data-path='/reports/daily-sales']"),
    });
    await operation.locator(".opblock-summary").click();
    await operation.locator("tr[data-param-name='from'] input").fill(from);
    await operation.locator("tr[data-param-name='to'] input").fill(to);
    await operation.locator("button.execute").click();
    const live = operation.locator(".live-responses-table .response");
    await live.waitFor({ timeout: 20_000 });

    expect((await live.locator(".response-col_status").textContent())?.trim()).toBe("200");
    const shown = JSON.parse(
      (await live.locator(".response-col_description pre").first().textContent()) ?? "",
    );
    const direct = await fetch(`${service.served.url}/reports/daily-sales?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    expect(shown).toEqual(await direct.json());
    expect(shown.length).toBeGreaterThan(0);

    expect(received[0]).toEqual({
      path: `/reports/daily-sales?from=${from}&to=${to}`,
      authorization: `Bearer ${staffToken}`,
    });
    expect(foreignRequests).toEqual([]);
    expect(problems).toEqual([]);
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
