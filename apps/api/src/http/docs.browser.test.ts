import { randomUUID } from "node:crypto";
import { serveOnLoopback } from "@orders/http-kit/testing";
import { type HeadlessChromium, launchChromium, type Page } from "@orders/local-browser";
import {
  authorizeInSwaggerUi,
  type PageWatch,
  tryGetInSwaggerUi,
  watchPage,
} from "@orders/local-browser/testing";
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
let watch: PageWatch;

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
  ({ url, close } = await serveOnLoopback((request) => gateway(request)));
  browser = await launchChromium();
  page = await browser.context.newPage();
  watch = await watchPage(page, url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  await Promise.all([h?.close(), idp?.close()]);
});

describe("/docs in headless Chromium", () => {
  it("reads an order with a pasted token from the page and shows what the API answered", async () => {
    expect((await page.goto(`${url}/docs`))?.status()).toBe(200);
    await authorizeInSwaggerUi(page, token);
    const shown = await tryGetInSwaggerUi(page, "/orders/{id}", { id: orderId });

    expect(shown.status).toBe("200");
    const direct = await fetch(`${url}/orders/${orderId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(shown.body).toEqual(await direct.json());
    expect(shown.body).toMatchObject({ orderId, status: "accepted", totalCents: 17_998 });
    expect(received[0]).toEqual({ path: `/orders/${orderId}`, authorization: `Bearer ${token}` });
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.problems).toEqual([]);
  });
});
