import { monitorEventLoopDelay } from "node:perf_hooks";
import { classifyDbError, createDb } from "@orders/db-client";
import { benchOrderMessage } from "../harness/order-messages";
import { workerWriteOrder } from "./write-order";

export type InstanceOutcome = { ok: true; ms: number } | { ok: false; ms: number; code: string };

export interface PreparedInstances {
  /** Every instance writes its order at once; resolves with each outcome and the loop's longest stall. */
  go(): Promise<{ outcomes: InstanceOutcome[]; maxLoopDelayMs: number }>;
}

/**
 * Phase 1 of a storm, each instance's init: create its client exactly as a Lambda container does (createDb,
 * one connection; postgres.js connects lazily, on the first query). Creating thousands of clients costs
 * seconds of one event loop, so it happens before the clock starts and before any connect timer runs.
 * Phase 2 (`go`): every instance writes one order through the worker's write path, then closes.
 */
export function prepareInstances(url: string, count: number, label: string, firstSeq = 0): PreparedInstances {
  const instances = Array.from({ length: count }, (_, i) => ({
    message: benchOrderMessage(firstSeq + i),
    client: createDb({ kind: "url", url }, { applicationName: `${label}-${firstSeq + i}` }),
  }));
  return {
    go: async () => {
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const outcomes = await Promise.all(
        instances.map(async ({ message, client }): Promise<InstanceOutcome> => {
          const t0 = performance.now();
          try {
            await workerWriteOrder(client, message);
            return { ok: true, ms: performance.now() - t0 };
          } catch (error) {
            const code =
              classifyDbError(error).code ?? (error instanceof Error ? error.message : String(error));
            return { ok: false, ms: performance.now() - t0, code };
          } finally {
            await client.close().catch(() => {});
          }
        }),
      );
      loopDelay.disable();
      return { outcomes, maxLoopDelayMs: Math.round(loopDelay.max / 1e6) };
    },
  };
}
