import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@orders/local-database/testing/global-setup"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // The worker handler publishes its metrics as log lines; the checks read the database instead.
    env: { POWERTOOLS_METRICS_DISABLED: "true" },
  },
});
