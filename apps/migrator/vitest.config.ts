import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The runtime builds a real Powertools logger: keep its lines out of the test report.
    env: { POWERTOOLS_LOG_LEVEL: "SILENT" },
  },
});
