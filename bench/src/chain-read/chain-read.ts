import { randomUUID } from "node:crypto";
import { findOrderWithItems, type OrderWithItems } from "@orders/db";
import { createDb, type DbClient } from "@orders/db-client";
import { drizzleOf } from "@orders/db-client/drizzle";
import { databaseName, serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { quantile } from "simple-statistics";
import { startBenchDatabase } from "../harness/bench-database";
import { type LatencySummary, summariseLatency } from "../harness/latency";
import type { Benchmark, BenchOptions, BenchResult } from "../harness/result";
import { formatTable } from "../harness/table";

/** The chain may at most multiply the direct read's median by this (a read through it stays cheap). */
export const chainReadTargetRatio = 3;

export interface ChainReadOptions extends BenchOptions {
  /** Measured reads per path (default 2,000; quick: 100). */
  reads?: number;
}

export interface ChainReadFigures {
  /** What was read: the api's order query (Drizzle over postgres.js, `prepare: false`). */
  query: string;
  chain: string;
  readsPerPath: number;
  direct: LatencySummary;
  throughChain: LatencySummary;
  /** throughChain.p50 / direct.p50 */
  ratioP50: number;
  /** throughChain.p99 / direct.p99 */
  ratioP99: number;
  /** Milliseconds the chain adds at the median. */
  addedP50Ms: number;
}

/**
 * The read the api serves for `GET /orders/{id}`, one at a time, straight to PostgreSQL and through the chain
 * that stands for RDS Proxy (pinning check → PgBouncer in transaction mode → PostgreSQL), as the api's role
 * with the api's client settings. A parameterised statement takes two round trips with `prepare: false`
 * (Parse/Describe, then Bind/Execute), so every hop that delays small writes shows here first.
 */
export async function chainRead(options: ChainReadOptions): Promise<BenchResult> {
  const reads = options.reads ?? (options.quick ? 100 : 2000);
  const log = options.log;
  const database = await startBenchDatabase({ chain: true });
  const { chain } = database;
  if (!chain) {
    await database.stop();
    throw new Error("the bench database started without the chain");
  }
  const direct = createDb({ kind: "url", url: database.serviceUrl("api") }, { applicationName: "bench" });
  const throughChain = createDb(
    { kind: "url", url: chain.url(serviceRoles.api, databaseName, "chain-read") },
    { applicationName: "bench" },
  );
  try {
    const orderId = await insertOrder(database.adminUrl);
    log(`chain read: ${reads} reads of one order per path, one at a time; ${chain.describe()}`);
    // Connect, and let both paths warm up (JIT, the pooler's server connection) before measuring.
    for (const client of [direct, throughChain]) await timedReads(client, orderId, 50);
    const durations = { direct: [] as number[], throughChain: [] as number[] };
    // Alternating slices, so a busy moment on the machine lands on both paths alike.
    const slice = Math.min(100, reads);
    for (let done = 0; done < reads; done += slice) {
      const n = Math.min(slice, reads - done);
      durations.direct.push(...(await timedReads(direct, orderId, n)));
      durations.throughChain.push(...(await timedReads(throughChain, orderId, n)));
    }
    const figures = chainReadFigures(chain.describe(), durations.direct, durations.throughChain);
    log(
      formatTable([
        { path: "straight to PostgreSQL", ...latencyRow(figures.direct) },
        { path: "through the chain", ...latencyRow(figures.throughChain) },
      ]),
    );
    const pinned = chain.pinnedSessions().length;
    if (pinned > 0) throw new Error(`the read would pin RDS Proxy: ${chain.report()}`);
    return {
      name: "chain-read",
      summary:
        `order read p50 ${figures.throughChain.p50} ms through the chain vs ${figures.direct.p50} ms direct ` +
        `(x${figures.ratioP50}, +${figures.addedP50Ms} ms); p99 ${figures.throughChain.p99} vs ` +
        `${figures.direct.p99} ms (x${figures.ratioP99})`,
      targetMet: figures.ratioP50 <= chainReadTargetRatio,
      figures,
    };
  } finally {
    await Promise.allSettled([direct.close(), throughChain.close()]);
    await database.stop();
  }
}

/**
 * Latencies rounded to 0.1 ms; the ratios (to 0.01) and the added median (to 0.01 ms) come from the unrounded
 * percentiles, since the reads themselves take about a millisecond.
 */
export function chainReadFigures(
  chain: string,
  directMs: readonly number[],
  chainMs: readonly number[],
): ChainReadFigures {
  const direct = summariseLatency(directMs);
  const throughChain = summariseLatency(chainMs);
  const at = (durations: readonly number[], p: number) => quantile([...durations], p);
  const ratio = (p: number) => Math.round((at(chainMs, p) / at(directMs, p)) * 100) / 100;
  return {
    query: "findOrderWithItems (the api's GET /orders/{id}), prepare: false",
    chain,
    readsPerPath: direct.count,
    direct,
    throughChain,
    ratioP50: ratio(0.5),
    ratioP99: ratio(0.99),
    addedP50Ms: Math.round((at(chainMs, 0.5) - at(directMs, 0.5)) * 100) / 100,
  };
}

function latencyRow(summary: LatencySummary): Record<string, number> {
  return { reads: summary.count, "p50 ms": summary.p50, "p99 ms": summary.p99, "max ms": summary.max };
}

/** `n` reads of one order, one after the other; each must find it with its two items. */
async function timedReads(client: DbClient, orderId: string, n: number): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const order: OrderWithItems | undefined = await findOrderWithItems(drizzleOf(client), orderId);
    durations.push(performance.now() - started);
    if (order?.items.length !== 2) throw new Error(`order ${orderId} read back as ${JSON.stringify(order)}`);
  }
  return durations;
}

/** One accepted order with two items, written as the worker would leave it. */
async function insertOrder(adminUrl: string): Promise<string> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const id = randomUUID();
  try {
    await sql.begin(async (tx) => {
      await tx`insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
        values (${id}, 'bench-customer', 'USD', 4500, 'accepted', now())`;
      await tx`insert into order_items (order_id, sku, quantity, unit_price_cents)
        values (${id}, 'KB-001', 1, 2500), (${id}, 'LE-011', 1, 2000)`;
    });
  } finally {
    await sql.end();
  }
  return id;
}

export const chainReadBenchmark: Benchmark = {
  name: "chain-read",
  description:
    "the api's order read, one at a time, through the pinning check and PgBouncer vs straight to PostgreSQL",
  run: (options) => chainRead(options),
};
