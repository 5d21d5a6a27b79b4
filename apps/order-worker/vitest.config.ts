import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@orders/local-database/testing/global-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Handler tests build real Powertools loggers and metrics: keep their output out of the test report.
    env: { POWERTOOLS_METRICS_DISABLED: "true", POWERTOOLS_LOG_LEVEL: "SILENT" },
  },
});
