import { Script } from "node:vm";
import { packageFileCandidates } from "@orders/http-kit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bundleDashboardScript } from "./build-dashboard-script";
import { dashboardScriptFile, dashboardScriptSource } from "./dashboard-asset";

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
    const served = await dashboardScriptSource();
    expect(served, "generated/dashboard.js is stale: run npm run build -w @orders/reporting").toBe(
      await bundleDashboardScript(),
    );
  });

  it("is read from beside a Lambda bundle, where infra copies it", () => {
    vi.stubEnv("LAMBDA_TASK_ROOT", "/var/task");
    expect(packageFileCandidates(dashboardScriptFile).at(-1)).toBe("/var/task/generated/dashboard.js");
  });
});
