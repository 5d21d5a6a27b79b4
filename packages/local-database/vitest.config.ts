import { defineConfig } from "vitest/config";

// The provisioning tests start a server of their own (provisioning sets cluster-wide role passwords).
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
