import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type HeadlessChromium, launchChromium, type Page } from "@orders/local-browser";
import { type IdentityFixture, startIdentityFixture } from "@orders/local-identity/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";

let h: ApiHarness;
let idp: IdentityFixture;
let url: string;
let close: () => Promise<void>;
let browser: HeadlessChromium;
let page: Page;
let token: string;
const orderId = randomUUID();
/** The Authorization header of every /orders request the API received (behind the authorizer). */
const received: { path: string; authorization: string | null }[] = [];
const problems: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  [h, idp] = await Promise.all([startApiHarness(), startIdentityFixture()]);
  await h.insertProcessedOrder({
    id: orderId,
    customerId: "dora",
    status: "accepted",
    totalCents: 17_998,
    acceptedAt: new Date("2026-11-30T10:00:00Z"),
    items: [{ sku: "KB-001", quantity: 2, unitPriceCents: 8_999 }],
  });
  token = await idp.tokenFor("dora");
  const gateway = idp.behindAuthorizer((request: Request, env?: unknown) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/orders"))
      received.push({ path, authorization: request.headers.get("authorization") });
    return h.app.fetch(request, env as never);
  }, "api");
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: (request) => gateway(request), port: 0, hostname: "127.0.0.1" }, (info) => {
      url = `http://127.0.0.1:${(info as AddressInfo).port}`;
      close = () => new Promise((done) => server.close(() => done()));
      resolve();
    });
  });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.addInitScript({
    content: `document.addEventListener("securitypolicyviolation", (event) =>
      console.error("CSP blocked " + event.effectiveDirective + ": " + event.blockedURI));`,
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("request", (request) => {
    if (!request.url().startsWith(url)) foreignRequests.push(request.url());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  await Promise.all([h?.close(), idp?.close()]);
});

describe("/docs in headless Chromium", () => {
  it("reads an order with a pasted token from the page and shows what the API answered", async () => {
    expect((await page.goto(`${url}/docs`))?.status()).toBe(200);
    await page.click(".scheme-container button.authorize");
    await page.fill(".auth-container input", token);
    await page.click(".auth-btn-wrapper button.authorize");
    await page.click(".auth-btn-wrapper button.btn-done");

    const operation = page.locator(".opblock-get", {
      has: page.locator(".opblock-summary-path[data-path='/orders/{id}']"),
    });
    await operation.locator(".opblock-summary").click();
    await operation.locator("tr[data-param-name='id'] input").fill(orderId);
    await operation.locator("button.execute").click();
    const live = operation.locator(".live-responses-table .response");
    await live.waitFor({ timeout: 20_000 });

    expect((await live.locator(".response-col_status").textContent())?.trim()).toBe("200");
    const shown = JSON.parse(
      (await live.locator(".response-col_description pre").first().textContent()) ?? "",
    );
    const direct = await fetch(`${url}/orders/${orderId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(shown).toEqual(await direct.json());
    expect(shown).toMatchObject({ orderId, status: "accepted", totalCents: 17_998 });
    expect(received[0]).toEqual({ path: `/orders/${orderId}`, authorization: `Bearer ${token}` });
    expect(foreignRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
