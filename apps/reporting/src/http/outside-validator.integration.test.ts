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
import { demoOrders } from "../testing/demo-orders";
import { insertOrders } from "../testing/order-fixtures";
import { type ReportingHarness, startReportingHarness } from "../testing/reporting-harness";

/**
 * The reporting service behind an outside validating proxy (Stoplight Prism, judging by the document the
 * service serves), driven with requests generated from that document: the document and the service must
 * agree on every request, and every answer must keep to the document.
 */
let h: ReportingHarness;
let idp: IdentityFixture;
let served: Served;
let proxy: ValidatingProxy;
let document: OpenApiDocument;
let staffToken: string;

const DAY_MS = 86_400_000;
const END = new Date();
const DEMO_DAYS = 30;

beforeAll(async () => {
  [h, idp] = await Promise.all([startReportingHarness("reporting_outside"), startIdentityFixture()]);
  // A month of orders, so reports over it answer with rows for the proxy to hold to the document.
  await insertOrders(h.admin, demoOrders(END, DEMO_DAYS));
  served = await serveOnLoopback(idp.behindAuthorizer(h.app.fetch, "reporting"));
  document = (await (await fetch(`${served.url}/openapi.json`)).json()) as OpenApiDocument;
  proxy = await startValidatingProxy({ document: `${served.url}/openapi.json`, upstream: served.url });
  staffToken = await idp.tokenFor("outside-staff", { staff: true });
});

afterAll(async () => {
  await proxy?.close();
  await served?.close();
  await Promise.all([h?.close(), idp?.close()]);
});

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Both reports take a range the document bounds in words: `to` not before `from`, at most 366 days. */
const rangeRule: ProseRule = {
  name: "to not before from, at most 366 days",
  operations: ["dailySales", "topProducts"],
  stated: "to before from, or a range over 366 days",
  status: 400,
  breaks: ({ values: { query } }) => {
    if (typeof query.from !== "string" || typeof query.to !== "string") return false;
    const span = dayNumber(query.to) - dayNumber(query.from) + 1;
    return span < 1 || span > 366;
  },
};

/** The first and last day the document allows. */
const FIRST_DAY = dayNumber("0001-01-01");
const LAST_DAY = dayNumber("9999-12-31");
const demoFirst = dayNumber(END.toISOString().slice(0, 10)) - DEMO_DAYS + 1;

/**
 * Requests the document allows, steered into ranges that keep the prose rule and often over the month of
 * orders: independent days from 0001 to 9999 almost never do.
 */
function inRange(request: GeneratedRequest): fc.Arbitrary<GeneratedRequest> {
  const { from } = request.values.query;
  if (request.breaks !== undefined || typeof from !== "string") return fc.constant(request);
  // A `from` the document allows is a day; if a loosened document lets other text through, it is not used.
  const generatedStart = Number.isInteger(dayNumber(from)) ? dayNumber(from) : demoFirst;
  const start = fc.oneof(
    fc.constant(generatedStart),
    { arbitrary: fc.integer({ min: demoFirst - 10, max: demoFirst + DEMO_DAYS }), weight: 3 },
    fc.constantFrom(FIRST_DAY, LAST_DAY),
  );
  return fc.tuple(start, fc.integer({ min: 0, max: 365 })).map(([first, length]) => {
    const last = Math.min(first + length, LAST_DAY);
    const query = { ...request.values.query, from: dayOf(first), to: dayOf(last) };
    return withValues(request, { ...request.values, query });
  });
}

const REQUESTS = 160;

describe("the reporting service behind an outside validating proxy", () => {
  it("states every prose rule the check relies on", () => {
    expect(unstatedRules(document, [rangeRule])).toEqual([]);
  });

  it(`agrees with the document on ${REQUESTS} generated requests, and every answer keeps to it`, async () => {
    const generated = documentRequests(document, (path) => path.startsWith("/reports/"));
    const requests = fc.sample(fc.oneof(generated, generated.chain(inRange)), {
      numRuns: REQUESTS,
      seed: 20_261_208,
    });
    const exchanges = await sendThrough(proxy.url, requests, async () => staffToken);
    const { findings, counts } = judge(exchanges, [rangeRule]);
    console.info(describeCounts("reporting", counts));

    expect(describeFindings(findings)).toEqual([]);
    // Both verdicts were exercised, and allowed requests were answered with data, not only refusals.
    expect(counts.allowed - counts.allowedBreakingProse).toBeGreaterThan(REQUESTS / 4);
    expect(counts.refused).toBeGreaterThan(REQUESTS / 4);
    expect(exchanges.filter((e) => e.status === 200 && e.body.startsWith("[{")).length).toBeGreaterThan(10);
  });
});
