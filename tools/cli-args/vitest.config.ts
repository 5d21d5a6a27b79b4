import { defineConfig } from "vitest/config";

// The tests start a real command (Node with tsx compiling it): a second or more each on a busy machine.
export default defineConfig({
  test: { testTimeout: 60_000 },
});
