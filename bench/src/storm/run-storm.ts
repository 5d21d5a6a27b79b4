import type { OrderMessage } from "@orders/contracts";
import { classifyDbError, createDb, type DbClient } from "@orders/db-client";
import { serviceRoles } from "@orders/settings";
import { startBackendSampler } from "../harness/backend-sampler";
import { type LatencySummary, summariseLatency } from "../harness/latency";
import { benchOrderMessage } from "../harness/order-messages";

/** Writes one order the way the worker does, over the given client. */
export type WriteOrder = (client: DbClient, message: OrderMessage) => Promise<void>;

export interface StormOptions {
  /** Connection URL each instance uses (straight to PostgreSQL, or through the pooler). */
  url: string;
  /** Superuser URL of the same server, for sampling `pg_stat_activity`. */
  adminUrl: string;
  instances: number;
  writeOrder: WriteOrder;
  /** Prefix of each instance's `application_name` (tells rounds apart in `pg_stat_activity`). */
  label: string;
}

export interface StormResult {
  instances: number;
  succeeded: number;
  /** Failures by SQLSTATE / driver code (`53300` = too many clients). */
  failuresByCode: Record<string, number>;
  wallMs: number;
  latency: LatencySummary;
  peakBackends: number;
}

/**
 * N concurrent "function instances" in one process: each creates its own client exactly as a Lambda container
 * does (createDb, one connection), writes one order, and closes. Meanwhile a separate superuser connection
 * samples how many server backends the worker role holds.
 */
export async function runStorm(options: StormOptions): Promise<StormResult> {
  const sampler = await startBackendSampler(options.adminUrl, serviceRoles.worker);
  const messages = Array.from({ length: options.instances }, (_, i) => benchOrderMessage(i));
  const started = performance.now();
  const outcomes = await Promise.all(
    messages.map(async (message, i) => {
      const t0 = performance.now();
      const client = createDb(
        { kind: "url", url: options.url },
        { applicationName: `${options.label}-${i}` },
      );
      try {
        await options.writeOrder(client, message);
        return { ok: true as const, ms: performance.now() - t0 };
      } catch (error) {
        const code = classifyDbError(error).code ?? (error instanceof Error ? error.message : String(error));
        return { ok: false as const, ms: performance.now() - t0, code };
      } finally {
        await client.close().catch(() => {});
      }
    }),
  );
  const wallMs = performance.now() - started;
  const { peak } = await sampler.stop();

  const failuresByCode: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (!outcome.ok) failuresByCode[outcome.code] = (failuresByCode[outcome.code] ?? 0) + 1;
  }
  return {
    instances: options.instances,
    succeeded: outcomes.filter((o) => o.ok).length,
    failuresByCode,
    wallMs: Math.round(wallMs),
    latency: summariseLatency(outcomes.map((o) => o.ms)),
    peakBackends: peak,
  };
}
