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

  it("take every handler path from functionSpecs", () => {
    for (const { file, text } of sources) {
      expect(text, file).not.toMatch(/handler\s*:\s*["'`]/);
    }
    const referenced = sources.flatMap(({ text }) => [...text.matchAll(/\bhandler: (\w+)\.handler/g)]).length;
    expect(referenced).toBe(Object.keys(functionSpecs).length);
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
