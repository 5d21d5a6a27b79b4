import { type Served, serveOnLoopback } from "@orders/http-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendThrough } from "./exchange";
import { fc } from "./index";
import { type Finding, judge, type ProseRule, unstatedRules } from "./judge";
import { documentRequests, type OpenApiDocument } from "./operation-requests";
import { startValidatingProxy, type ValidatingProxy } from "./prism-proxy";
import { type ThingFault, thingDocument, thingService } from "./testing/thing-service";

/** The thing service on a loopback port behind Prism; `fault` plants a fault in it between runs. */
let fault: ThingFault | undefined;
let served: Served;
let proxy: ValidatingProxy;

beforeAll(async () => {
  served = await serveOnLoopback((request) => thingService(fault)(request));
  proxy = await startValidatingProxy({ document: `${served.url}/openapi.json`, upstream: served.url });
});

afterAll(async () => {
  await proxy?.close();
  await served?.close();
});

const document = thingDocument as OpenApiDocument;
const blankName: ProseRule = {
  name: "no blank name",
  operations: ["addThing"],
  stated: "A name made only of spaces is refused.",
  status: 400,
  breaks: ({ values }) => {
    const name = (values.body as { name?: unknown } | undefined)?.name;
    return typeof name === "string" && name.trim() === "";
  },
};

async function run(seed: number): Promise<ReturnType<typeof judge>> {
  const requests = fc.sample(documentRequests(document), { numRuns: 150, seed });
  return judge(await sendThrough(proxy.url, requests, async () => "a-token"), [blankName]);
}

const kinds = (findings: Finding[]) => new Set(findings.map((f) => f.kind));

describe("a service behind the validating proxy", () => {
  it("finds nothing when the service keeps to its document, and Prism judges requests as they were meant", async () => {
    fault = undefined;
    const { findings, counts } = await run(1);
    expect(findings.map((f) => `${f.kind}: ${f.detail}`)).toEqual([]);
    expect(counts.judgedOtherwise).toBe(0);
    expect(counts.allowed).toBeGreaterThan(40);
    expect(counts.refused).toBeGreaterThan(40);
    expect(counts.statuses[201]).toBeGreaterThan(5);
  });

  it.each<[ThingFault, Finding["kind"]]>([
    ["refuses limit 100", "allowed but refused"],
    ["ignores the limit's bounds", "refused but accepted"],
    ["answers day as a number", "response breaks the document"],
  ])("finds a service that %s (%s)", async (planted, kind) => {
    fault = planted;
    const { findings } = await run(1);
    expect(kinds(findings)).toEqual(new Set([kind]));
  });
});

describe("an empty query value", () => {
  it("is refused by OpenAPI's rule, which Prism skips", async () => {
    fault = undefined;
    const request = {
      operationId: "listThings",
      method: "GET",
      template: "/things",
      target: "/things?day=2026-01-01&limit=",
      headers: {},
      signedIn: false,
      values: { path: {}, query: { day: "2026-01-01", limit: "" }, header: {} },
      breaks: "query limit empty",
    };
    const [exchange] = await sendThrough(proxy.url, [request], async () => "a-token");
    expect(exchange?.requestViolations.map((v) => v.code)).toEqual(["allowEmptyValue"]);
    expect(exchange?.status).toBe(400);
    expect(judge(exchange === undefined ? [] : [exchange]).findings).toEqual([]);
  });
});

describe("unstatedRules", () => {
  it("names a rule an operation it holds for does not state", () => {
    expect(unstatedRules(document, [blankName])).toEqual([]);
    const elsewhere = { ...blankName, operations: ["addThing", "listThings"] };
    expect(unstatedRules(document, [elsewhere])).toEqual(["no blank name (listThings)"]);
    expect(unstatedRules(document, [{ ...blankName, stated: "Names are trimmed." }])).toEqual([
      "no blank name (addThing)",
    ]);
  });
});

describe("startValidatingProxy", () => {
  it("refuses to start when Prism cannot read the document", async () => {
    await expect(
      startValidatingProxy({ document: `${served.url}/missing.json`, upstream: served.url }),
    ).rejects.toThrow(/Prism exited before listening/);
  });
});
