import { defineConfig } from "vitest/config";

// Benchmarks start their own servers (their own max_connections, restarts), so no shared global setup.
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 60_000 } });
