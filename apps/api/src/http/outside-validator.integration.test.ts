import { randomUUID } from "node:crypto";
import { type Served, serveOnLoopback } from "@orders/http-kit/testing";
import { type IdentityFixture, startIdentityFixture } from "@orders/local-identity/testing";
import {
  describeCounts,
  describeFindings,
  documentRequests,
  fc,
  type GeneratedRequest,
  judge,
  type OpenApiDocument,
  type ProseRule,
  sendThrough,
  startValidatingProxy,
  unstatedRules,
  type ValidatingProxy,
  withValues,
} from "@orders/validating-proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";

/**
 * The API behind an outside validating proxy (Stoplight Prism, judging by the document the API serves),
 * driven with requests generated from that document: the document and the API must agree on every request,
 * and every answer must keep to the document.
 */
let h: ApiHarness;
let idp: IdentityFixture;
let served: Served;
let proxy: ValidatingProxy;
let document: OpenApiDocument;
let token: string;
const CUSTOMER = "outside-c1";
const storedOrderId = randomUUID();

beforeAll(async () => {
  [h, idp] = await Promise.all([startApiHarness(), startIdentityFixture()]);
  // An order of the caller's, so reading it answers with a body for the proxy to hold to the document.
  await h.insertProcessedOrder({
    id: storedOrderId,
    customerId: CUSTOMER,
    status: "accepted",
    totalCents: 8_999,
    acceptedAt: new Date(),
    items: [{ sku: "KB-001", quantity: 1, unitPriceCents: 8_999 }],
  });
  served = await serveOnLoopback(idp.behindAuthorizer(h.app.fetch, "api"));
  document = (await (await fetch(`${served.url}/openapi.json`)).json()) as OpenApiDocument;
  proxy = await startValidatingProxy({ document: `${served.url}/openapi.json`, upstream: served.url });
  token = await idp.tokenFor(CUSTOMER);
});

afterAll(async () => {
  await proxy?.close();
  await served?.close();
  await Promise.all([h?.close(), idp?.close()]);
});

interface Body {
  customerId?: unknown;
  items?: { sku?: unknown }[];
  currency?: unknown;
}

const bodyOf = (request: GeneratedRequest): Body =>
  typeof request.values.body === "object" && request.values.body !== null
    ? (request.values.body as Body)
    : {};
const texts = (body: Body): unknown[] => [body.customerId, ...(body.items ?? []).map((item) => item.sku)];
const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

/** What the order body's schema cannot say, and the document says in words. */
const rules: ProseRule[] = [
  {
    name: "each sku once",
    operations: ["placeOrder"],
    stated: "a `sku` appears twice",
    status: 400,
    breaks: (request) => {
      const skus = (bodyOf(request).items ?? []).map((item) => item.sku);
      return new Set(skus).size !== skus.length;
    },
  },
  {
    name: "an ISO 4217 currency",
    operations: ["placeOrder"],
    stated: "`currency` is no ISO 4217 code",
    status: 400,
    breaks: (request) => {
      const { currency } = bodyOf(request);
      return typeof currency === "string" && !knownCurrencies.has(currency);
    },
  },
  {
    name: "printable ids of at most 64 UTF-16 code units",
    operations: ["placeOrder"],
    stated: "is blank, holds control or format characters or is over 64 UTF-16 code units",
    status: 400,
    breaks: (request) =>
      texts(bodyOf(request)).some(
        (text) =>
          typeof text === "string" &&
          (text.trim() === "" || /[\p{Cc}\p{Cs}\p{Cf}\p{Zl}\p{Zp}]/u.test(text) || text.length > 64),
      ),
  },
  {
    name: "the caller's own customerId",
    operations: ["placeOrder"],
    stated: "A body `customerId` other than the token's subject",
    status: 403,
    breaks: (request) => {
      const { customerId } = bodyOf(request);
      return customerId !== undefined && customerId !== CUSTOMER;
    },
  },
];

/**
 * Allowed requests steered towards what the API takes and has: an order of the caller's own (or naming no
 * customer) in a known currency with each SKU once, the stored order's id. Independent values would almost
 * never be any of these.
 */
function towardsData(request: GeneratedRequest): fc.Arbitrary<GeneratedRequest> {
  if (request.breaks !== undefined) return fc.constant(request);
  if (request.operationId === "getOrder") {
    return fc.constantFrom(request, withValues(request, { ...request.values, path: { id: storedOrderId } }));
  }
  if (request.operationId === "placeOrder" && typeof request.values.body === "object") {
    const generated = request.values.body as Body;
    const steered = fc.record({
      customerId: fc.constantFrom(undefined, CUSTOMER),
      currency: fc.constantFrom(generated.currency, ...knownCurrencies),
    });
    return steered.map(({ customerId, currency }) => {
      const { customerId: _named, currency: _generated, items = [], ...rest } = generated;
      // Each SKU once: the first line of each.
      const lines = items.filter(
        (item, index) => items.findIndex((other) => other.sku === item.sku) === index,
      );
      const body = {
        ...rest,
        items: lines,
        ...(customerId === undefined ? {} : { customerId }),
        ...(currency === undefined ? {} : { currency }),
      };
      return withValues(request, { ...request.values, body });
    });
  }
  return fc.constant(request);
}

const REQUESTS = 200;

describe("the API behind an outside validating proxy", () => {
  it("states every prose rule the check relies on", () => {
    expect(unstatedRules(document, rules)).toEqual([]);
  });

  it(`agrees with the document on ${REQUESTS} generated requests, and every answer keeps to it`, async () => {
    const generated = documentRequests(document);
    const requests = fc.sample(fc.oneof(generated, generated.chain(towardsData)), {
      numRuns: REQUESTS,
      seed: 20_261_208,
    });
    const exchanges = await sendThrough(proxy.url, requests, async () => token);
    const { findings, counts } = judge(exchanges, rules);
    console.info(describeCounts("api", counts));

    expect(describeFindings(findings)).toEqual([]);
    // Both verdicts were exercised, and allowed orders were queued and the stored one read.
    expect(counts.allowed - counts.allowedBreakingProse).toBeGreaterThan(REQUESTS / 4);
    expect(counts.refused).toBeGreaterThan(REQUESTS / 4);
    expect(counts.statuses[202]).toBeGreaterThan(5);
    expect(exchanges.some((e) => e.status === 200 && e.request.target === `/orders/${storedOrderId}`)).toBe(
      true,
    );
  });
});
