import { fileURLToPath } from "node:url";
import { localSqsClient, queueDepth } from "@orders/local-aws";
import { signInWithPassword } from "@orders/local-identity";
import { findFreePort } from "@orders/local-postgres";
import { type LocalStack, startLocalStack } from "@orders/local-stack/src/local-stack";
import { servicePlan } from "@orders/local-stack/src/service-plan";
import { orderFlow, serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { benchCatalogue } from "../harness/bench-catalogue";
import { pause } from "../harness/pause";
import type { Benchmark, BenchOptions, BenchResult } from "../harness/result";
import { formatTable } from "../harness/table";
import { postOrders } from "./post-orders";
import { type BurstPoint, renderBurstChart } from "./render-chart";

/** docs/burst.png, beside docs/performance.md. */
const chartFile = fileURLToPath(new URL("../../../docs/burst.png", import.meta.url));

/**
 * Burst absorption against the local stack (`npm start`'s services: API, SQS emulator, worker runner with the
 * deployed mapping settings): POST /orders as fast as a bounded client can, then watch the queue absorb the
 * burst and the worker drain it at orderFlow.maxConcurrency, with the database's backends sampled throughout.
 */
/** The customers a burst orders for (`burst-0` … `burst-499`, as postOrders names them). */
const BURST_CUSTOMERS = 500;

/** One real token per customer from the stack's OpenID provider, signed in before the clock starts. */
async function signInCustomers(stack: LocalStack, count: number): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const customer = `burst-${i}`;
    const { password } = await stack.identity.accounts.ensure(customer, false);
    const signedIn = await signInWithPassword({
      issuer: stack.identity.issuer,
      clientId: stack.identity.clientId,
      username: customer,
      password,
    });
    tokens.set(customer, signedIn.accessToken);
  }
  return tokens;
}

export async function burst(options: BenchOptions & { chart?: boolean }): Promise<BenchResult> {
  const total = options.quick ? 500 : 20_000;
  const connections = options.quick ? 20 : 100;
  const log = options.log;
  const output: string[] = [];
  // The write path only (API, queue, worker runner): reporting plays no part in a burst.
  const stack = await startLocalStack({
    config: {
      apiPort: await findFreePort(),
      reportingPort: await findFreePort(),
      sqsPort: 0,
      reportingScheduleSeconds: 3600,
      identityPort: 0,
    },
    write: (line) => output.push(line),
    colour: false,
    plan: (input) => servicePlan(input).filter((service) => service.name !== "reporting"),
  }).catch((error: unknown) => {
    log(output.join("\n"));
    throw error;
  });
  const admin = postgres(stack.databaseUrl, { max: 1, onnotice: () => {} });
  const sqs = localSqsClient(stack.sqsEndpoint);
  try {
    if (!stack.apiUrl) throw new Error("the local stack started without the API");
    await admin`insert into products ${admin(benchCatalogue.map((p) => ({ ...p })))} on conflict do nothing`;

    const points: BurstPoint[] = [];
    const peaks: Record<string, number> = {};
    let sampling = true;
    const progress = { accepted: 0 };
    const started = performance.now();
    const sampler = (async () => {
      let last = { t: 0, orders: 0, accepted: 0 };
      while (sampling) {
        const [counts] = await admin<{ orders: number }[]>`select count(*)::int as orders from orders`;
        const backends = await admin<{ role: string; n: number }[]>`
          select usename as role, count(*)::int as n from pg_stat_activity
          where backend_type = 'client backend' and usename = any(${`{${Object.values(serviceRoles).join(",")}}`}::text[])
          group by usename`;
        for (const b of backends) peaks[b.role] = Math.max(peaks[b.role] ?? 0, b.n);
        const depth = await queueDepth(sqs, stack.queues.queueUrl);
        const t = (performance.now() - started) / 1000;
        const orders = counts?.orders ?? 0;
        points.push({
          t: Math.round(t * 10) / 10,
          queueDepth: depth.visible + depth.inFlight,
          drainPerSecond: t > last.t ? Math.round((orders - last.orders) / (t - last.t)) : 0,
          intakePerSecond: t > last.t ? Math.round((progress.accepted - last.accepted) / (t - last.t)) : 0,
        });
        last = { t, orders, accepted: progress.accepted };
        await pause(500);
      }
    })();

    log(`burst: ${total} POST /orders over ${connections} connections to ${stack.apiUrl}`);
    const tokens = await signInCustomers(stack, BURST_CUSTOMERS);
    const load = await postOrders(
      stack.apiUrl,
      total,
      connections,
      (customer) => tokens.get(customer) ?? "",
      progress,
    );
    log(`burst: sent in ${load.wallMs} ms; waiting for the worker to drain the queue`);
    const accepted = load.acceptedIds.length;
    const deadline = Date.now() + (options.quick ? 120_000 : 900_000);
    for (;;) {
      const [row] = await admin<{ n: number }[]>`select count(*)::int as n from orders`;
      const depth = await queueDepth(sqs, stack.queues.queueUrl);
      if ((row?.n ?? 0) >= accepted && depth.visible + depth.inFlight === 0) break;
      if (Date.now() > deadline) throw new Error("the worker did not drain the burst in time");
      await pause(500);
    }
    const drainedAt = (performance.now() - started) / 1000;
    await pause(1000);
    sampling = false;
    await sampler;

    const [end] = await admin<{ total: number; ours: number; distinct: number }[]>`
      select count(*)::int as total, count(distinct id)::int as distinct,
        count(*) filter (where id = any(${`{${load.acceptedIds.join(",")}}`}::uuid[]))::int as ours
      from orders`;
    const dead = await queueDepth(sqs, stack.queues.deadLetterQueueUrl);
    const drainRates = points.map((p) => p.drainPerSecond).filter((r) => r > 0);
    const meanDrain = Math.round(accepted / Math.max(0.001, drainedAt));
    const peakDepth = Math.max(...points.map((p) => p.queueDepth));
    const figures = {
      requests: total,
      connections,
      byStatus: load.byStatus,
      acceptRate: Math.round((accepted / total) * 1000) / 10,
      requestsPerSecond: Math.round((total / load.wallMs) * 1000),
      latency: load.latency,
      peakQueueDepth: peakDepth,
      drainedAfterSeconds: Math.round(drainedAt * 10) / 10,
      meanDrainPerSecond: meanDrain,
      peakDrainPerSecond: Math.max(0, ...drainRates),
      maxConcurrency: orderFlow.maxConcurrency,
      peakBackends: peaks,
      pinnedSessions: stack.pinnedSessions().length,
      end: {
        accepted,
        recorded: end?.total ?? 0,
        recordedOfAccepted: end?.ours ?? 0,
        distinct: end?.distinct ?? 0,
        dlq: dead.visible,
      },
      points,
    };
    log(
      formatTable([
        {
          figure: "requests",
          value: `${total} over ${connections} connections in ${(load.wallMs / 1000).toFixed(1)} s (${figures.requestsPerSecond}/s)`,
        },
        {
          figure: "answers",
          value: Object.entries(load.byStatus)
            .map(([s, n]) => `${s}: ${n}`)
            .join(", "),
        },
        { figure: "accept rate", value: `${figures.acceptRate} %` },
        {
          figure: "latency p50 / p99 / max",
          value: `${load.latency.p50} / ${load.latency.p99} / ${load.latency.max} ms`,
        },
        { figure: "peak queue depth", value: peakDepth },
        {
          figure: `drain (maxConcurrency ${orderFlow.maxConcurrency})`,
          value: `mean ${meanDrain} orders/s, peak ${figures.peakDrainPerSecond}/s; empty after ${figures.drainedAfterSeconds} s`,
        },
        { figure: "peak DB backends by role", value: JSON.stringify(peaks) },
        {
          figure: "end state",
          value: `${end?.ours}/${accepted} accepted orders recorded, ${end?.distinct} distinct of ${end?.total} rows, DLQ ${dead.visible}`,
        },
      ]),
    );
    if (options.chart ?? !options.quick) {
      await renderBurstChart(
        points,
        chartFile,
        `Burst of ${total} POST /orders: queue depth, API intake and worker drain (maxConcurrency ${orderFlow.maxConcurrency})`,
      );
      log(`burst: chart written to docs/burst.png`);
    }
    const exactlyOnce = end?.ours === accepted && end?.total === accepted && end?.distinct === accepted;
    const workerPeak = peaks[serviceRoles.worker] ?? 0;
    const pinned = stack.pinnedSessions();
    log(`burst: ${pinned.length} sessions would have pinned at RDS Proxy (path: ${stack.databaseChain})`);
    return {
      name: "burst",
      summary:
        `${total} POST /orders: ${figures.acceptRate} % accepted at ${figures.requestsPerSecond} req/s, p99 ${load.latency.p99} ms; ` +
        `peak queue ${peakDepth}, drained at ${meanDrain} orders/s in ${figures.drainedAfterSeconds} s; ` +
        `peak worker backends ${workerPeak}; ${exactlyOnce ? "all recorded exactly once" : "END STATE WRONG"}; ` +
        `pinned sessions ${pinned.length}`,
      targetMet: exactlyOnce && workerPeak <= orderFlow.maxConcurrency && pinned.length === 0,
      figures,
    };
  } finally {
    sqs.destroy();
    await admin.end({ timeout: 1 });
    await stack.stop();
  }
}

export const burstBenchmark: Benchmark = {
  name: "burst",
  description:
    "20,000 POST /orders against the local stack: accept rate, latency, queue depth, drain, end state",
  run: (options) => burst(options),
};
