import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { orderFlow } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { functionSpecs, lambdaTracing, xrayWritePolicyArn } from "./functions";

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
    for (const { file, text } of routed)
      expect(text, file).toMatch(/for \(const \{ routeKey, authorized \} of gatewayRoutes\(/);
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

describe("tracing", () => {
  it("is active on every function: each spreads commonFunctionArgs and overrides neither its transform nor its policies", () => {
    const functions = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/\bhandler: (\w+)\.handler\b/g)].map((match) => ({ file, text, at: match.index })),
    );
    expect(functions.length).toBe(Object.keys(functionSpecs).length);
    for (const { file, text, at } of functions) {
      // The argument object around the handler: from the last `{` opened before it to the handler.
      const opening = text.lastIndexOf("{", at);
      const head = text.slice(opening, at);
      expect(head, file).toMatch(/^\{\s*\.\.\.commonFunctionArgs,/);
    }
    for (const { file, text } of sources.filter(({ file }) => file !== "wiring.ts")) {
      expect(text, file).not.toMatch(/\bpolicies\s*:/);
      expect(text, file).not.toMatch(/transform:\s*\{\s*(function|role)\b/);
    }
    const wiring = sources.find(({ file }) => file === "wiring.ts")?.text ?? "";
    expect(wiring).toMatch(/transform: \{ function: lambdaTracing \}/);
    expect(wiring).toMatch(/policies: \[xrayWritePolicyArn\(\)\]/);
    expect(lambdaTracing).toEqual({ tracingConfig: { mode: "Active" } });
    expect(xrayWritePolicyArn()).toBe("arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess");
  });
});

describe("the rollup schedule and the alarms", () => {
  const text = (name: string) => sources.find(({ file }) => file === name)?.text ?? "";

  it("give the schedule a retry policy and a dead-letter queue of its own, for delivery and for failed runs", () => {
    const reporting = text("reporting.ts");
    expect(reporting).toMatch(/new sst\.aws\.Queue\("ReportingRollupDeadLetter"/);
    const schedule = reporting.slice(reporting.indexOf('new sst.aws.CronV2("ReportingRollupSchedule"'));
    expect(schedule).toMatch(/retries: retry\.scheduleRetries,/);
    expect(schedule).toMatch(/dlq: rollupDeadLetterQueue\.arn,/);
    expect(schedule).toMatch(/maximumEventAgeInSeconds: retry\.scheduleMaximumEventAgeSeconds/);
    expect(reporting).toMatch(/new aws\.lambda\.FunctionEventInvokeConfig\(/);
    expect(reporting).toMatch(/onFailure: \{ destination: rollupDeadLetterQueue\.arn \}/);
    expect(reporting).toMatch(/rollupDeadLetterPermission\(deadLetter\)/);
  });

  it("create one alarm per spec, with the rollup's dead-letter queue among the names, and the dashboard", () => {
    const alarms = text("alarms.ts");
    expect(alarms).toMatch(/rollupDeadLetterQueue: rollupDeadLetterQueue\.nodes\.queue\.name/);
    expect(alarms).toMatch(/\.map\(\s*\(spec\) =>\s*new aws\.cloudwatch\.MetricAlarm\(/);
    expect(alarms).toMatch(/new aws\.cloudwatch\.Dashboard\("OperationsDashboard"/);
    expect(alarms).toMatch(/dashboardBody\(/);
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
