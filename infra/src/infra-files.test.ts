import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { orderFlow } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { functionSpecs } from "./functions";

const infraDir = resolve(import.meta.dirname, "..");
const sources = readdirSync(infraDir)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => ({ file, text: readFileSync(join(infraDir, file), "utf8") }));

// The SST files cannot run outside `sst deploy`; these checks read them as text for the few rules that a
// type check cannot see.
describe("infra SST files", () => {
  it("never link anything to a function (linking Aurora would hand it the master password)", () => {
    for (const { file, text } of sources) expect(text, file).not.toMatch(/\blink\s*:/);
  });

  it("open no function URL: every HTTP path goes through API Gateway, where the JWT authorizer is", () => {
    for (const { file, text } of sources) expect(text, file).not.toMatch(/\burl\s*:\s*true\b/);
  });

  it("route each gateway through gatewayRoutes, so the authorizer cannot be left off a protected path", () => {
    const routed = sources.filter(({ text }) => /\.route\(/.test(text));
    expect(routed.map(({ file }) => file).sort()).toEqual(["api.ts", "reporting.ts"]);
    for (const { file, text } of routed) {
      expect(text, file).toMatch(/for \(const \{ routeKey, authorized, scopes \} of gatewayRoutes\(/);
      // Every authorized route carries its authorization scopes (API Gateway then refuses ID tokens).
      expect(text, file).toMatch(/auth: \{ jwt: \{ authorizer: \w+\.id, scopes \} \}/);
    }
  });

  it("take every handler path from functionSpecs", () => {
    for (const { file, text } of sources) {
      expect(text, file).not.toMatch(/handler\s*:\s*["'`]/);
    }
    // Each `handler: x.handler` resolved to the spec `x` names (`const x = functionSpecs.<key>`): every spec
    // deployed exactly once, so a duplicate cannot hide an omission.
    const deployed = sources.flatMap(({ file, text }) => {
      const specOf = new Map(
        [...text.matchAll(/\bconst (\w+) = functionSpecs\.(\w+);/g)].map(([, name, key]) => [name, key]),
      );
      return [...text.matchAll(/\bhandler: (\w+)\.handler\b/g)].map(
        ([, name]) => specOf.get(name as string) ?? `${file}: ${name} is not a functionSpecs entry`,
      );
    });
    expect(deployed.sort()).toEqual(Object.keys(functionSpecs).sort());
  });
});

describe("durations handed to SST", () => {
  it("are whole seconds (SST parses durations with parseInt)", () => {
    for (const value of [orderFlow.batchWindowSeconds, orderFlow.visibilityTimeoutSeconds]) {
      expect(Number.isInteger(value)).toBe(true);
    }
    for (const spec of Object.values(functionSpecs)) expect(Number.isInteger(spec.timeoutSeconds)).toBe(true);
  });
});
