import { existsSync } from "node:fs";
import { Script } from "node:vm";
import { packageFileCandidates } from "@orders/http-kit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bundleDashboardScript } from "../scripts/dashboard-bundle";
import { chartJsCandidates, dashboardScriptFile, shippedDashboardAssets } from "./dashboard-assets";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the dashboard script", () => {
  it("is the browser code bundled into one classic script", async () => {
    const bundle = await bundleDashboardScript();
    // A classic script (what `<script src>` without type=module runs): it compiles as one, so no module
    // syntax and no TypeScript is left in it.
    expect(() => new Script(bundle, { filename: "dashboard.js" })).not.toThrow();
    expect(bundle.startsWith('"use strict";')).toBe(true);
    // Its parts are inside: the PKCE exchange, the sign-out and the charts drawn with the global Chart.
    expect(bundle).toContain("code_challenge_method");
    expect(bundle).toContain("post_logout_redirect_uri");
    expect(bundle).toMatch(/new Chart\(/);
  });

  it("is served, and committed, as the bundle of the current browser code", async () => {
    const served = await shippedDashboardAssets().dashboardScript();
    expect(served, "generated/dashboard.js is stale: run npm run build -w @orders/reporting").toBe(
      await bundleDashboardScript(),
    );
  });

  it("is read from beside a Lambda bundle, where infra copies it", () => {
    vi.stubEnv("LAMBDA_TASK_ROOT", "/var/task");
    expect(packageFileCandidates(dashboardScriptFile).at(-1)).toBe("/var/task/generated/dashboard.js");
  });
});

describe("Chart.js asset", () => {
  it("is found in node_modules and is the self-contained UMD build", async () => {
    const [fromPackage] = chartJsCandidates();
    expect(fromPackage && existsSync(fromPackage)).toBe(true);
    const source = await shippedDashboardAssets().chartJs();
    expect(source).toMatch(/^\/\*![\s\S]*Chart\.js v4/);
    expect(source).not.toMatch(/\bimport\s*\(|^import /m);
  });

  it("falls back to a copy beside a Lambda bundle", () => {
    vi.stubEnv("LAMBDA_TASK_ROOT", "/var/task");
    expect(chartJsCandidates().at(-1)).toBe("/var/task/chart.umd.min.js");
  });
});
