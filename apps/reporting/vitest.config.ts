import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@orders/db/testing/global-setup"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Handlers build real Powertools metrics: their EMF lines stay out of the report unless a test captures them.
    env: { POWERTOOLS_METRICS_DISABLED: "true" },
  },
});
