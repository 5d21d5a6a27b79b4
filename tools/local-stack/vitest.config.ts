import { defineConfig } from "vitest/config";

export default defineConfig({
  // The end-to-end tests start PostgreSQL, the emulator and three Node services (tsx compiles each on start).
  test: { testTimeout: 240_000, hookTimeout: 240_000 },
});
