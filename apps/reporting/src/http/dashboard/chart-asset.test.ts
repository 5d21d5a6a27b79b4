import { existsSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chartJsCandidates, chartJsSource } from "./chart-asset";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("Chart.js asset", () => {
  it("is found in node_modules and is the self-contained UMD build", async () => {
    const [fromPackage] = chartJsCandidates();
    expect(fromPackage && existsSync(fromPackage)).toBe(true);
    const source = await chartJsSource();
    expect(source).toMatch(/^\/\*![\s\S]*Chart\.js v4/);
    expect(source).not.toMatch(/\bimport\s*\(|^import /m);
  });

  it("falls back to a copy beside a Lambda bundle", () => {
    vi.stubEnv("LAMBDA_TASK_ROOT", "/var/task");
    expect(chartJsCandidates().at(-1)).toBe("/var/task/chart.umd.min.js");
  });
});
