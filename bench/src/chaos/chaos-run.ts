import {
  createOrderQueues,
  queueDepth,
  redriveDeadLetters,
  startEventSourceMapping,
  startLocalSqs,
} from "@orders/local-aws";
import { startFreezeRelay } from "@orders/local-postgres/testing";
import { startPinningRelay } from "@orders/proxy-check";
import { deadlines, orderFlow } from "@orders/settings";
import postgres from "postgres";
import { benchSkus } from "../harness/bench-catalogue";
import { startBenchDatabase } from "../harness/bench-database";
import type { Benchmark, BenchOptions, BenchResult } from "../harness/result";
import { formatTable } from "../harness/table";
import { type ChaosSettings, chaosPlan } from "./chaos-plan";
import { type ChaosCounters, chaoticHandler } from "./chaotic-handler";
import { drainQueue } from "./drain-queue";
import { type FreezeOutcome, type FreezeWindow, freezePhase } from "./freeze-phase";
import { sendBodies } from "./send-bodies";
import { workerContainers } from "./worker-containers";

export interface ChaosCheck {
  check: string;
  expected: string | number;
  actual: string | number;
  pass: boolean;
}

export interface ChaosFigures {
  settings: ChaosSettings;
  sent: number;
  duplicates: number;
  poison: number;
  invocations: number;
  crashesBeforeCommit: number;
  crashesAfterCommit: number;
  restarts: number;
  /** Valid orders the worker was handed in a second, separate SQS message (seen, not planned). */
  duplicatesDelivered: number;
  /** Messages in the dead-letter queue once the run settled. */
  deadLettered: number;
  /** The redrive brought back exactly the poison bodies. */
  redrivenArePoison: boolean;
  /** Uncaught postgres.js errors during the restart (a Lambda container would have died). */
  driverCrashes: number;
  /** Of them, before PostgreSQL was restarted: anything here is a driver error the run must not hide. */
  driverCrashesBeforeRestart: number;
  /** Worker containers (one connection each) that the mapping created. */
  containers: number;
  drainMs: number;
  /** Sessions that would have pinned at RDS Proxy (must be 0). */
  pinnedSessions: number;
  /** The API's answers while the database, then the queue endpoint, were silent. */
  freezes: FreezeWindow[];
  /** Orders the API accepted during the freeze phase (all recorded exactly once, like the rest). */
  apiOrders: number;
  checks: ChaosCheck[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Chaos run: orders with duplicate deliveries and poison messages, through fauxqs and the event-source-mapping
 * emulator into the real worker handler, while invocations crash before and after commit and PostgreSQL
 * restarts once; then the database and the queue endpoint each go silent for 10 s while clients call the real
 * API (see freeze-phase.ts). Then checks, from the database and the queues: every valid order recorded exactly once, stock
 * = initial − accepted units, every poison message in the DLQ after exactly maxReceiveCount receives, and a
 * redrive moves the DLQ back to the orders queue.
 */
export async function chaosRun(
  options: BenchOptions & { settings?: Partial<ChaosSettings> },
): Promise<BenchResult> {
  const settings: ChaosSettings = {
    orders: options.quick ? 500 : 10_000,
    duplicateRate: 0.05,
    poisonRate: 0.01,
    crashAfterCommitRate: options.quick ? 0.05 : 0.02,
    crashBeforeCommitRate: options.quick ? 0.05 : 0.02,
    ...options.settings,
  };
  // The invocation timeout of the run's mapping (the deployed one is 30 s).
  const functionTimeoutSeconds = 10;
  // No shorter than the function's timeout, which Lambda requires of a queue it polls ("Using Lambda with
  // Amazon SQS", https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html): a batch that waits out the
  // frozen database must not be handed to another worker while it still runs.
  const visibilityTimeoutSeconds = functionTimeoutSeconds;
  const receiveWaitSeconds = 1;
  const plan = chaosPlan(settings);
  const log = options.log;
  const database = await startBenchDatabase();
  const sqs = await startLocalSqs();
  const client = sqs.client();
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  // The pinning check sees every worker session. It fronts PostgreSQL itself, not PgBouncer: the run
  // restarts PostgreSQL, and PgBouncer refuses logins for a while after its server restarts ("server login
  // has been failing"), which would stall the run rather than test the worker
  // (docs/decisions/0006-pgbouncer-stands-in-for-rds-proxy.md).
  const relay = await startPinningRelay({
    upstream: { host: database.server.host, port: database.server.port },
  });
  // In front of it, a relay that can make the database go silent for the workers and the API alike, and
  // one in front of the SQS emulator for the API's sends.
  const databaseFreeze = await startFreezeRelay({ host: "127.0.0.1", port: relay.port });
  const queueFreeze = await startFreezeRelay(hostAndPort(sqs.env().AWS_ENDPOINT_URL_SQS as string));
  const viaRelay = new URL(database.serviceUrl("worker"));
  viaRelay.port = String(databaseFreeze.port);
  const workers = workerContainers(viaRelay.toString());
  const counters: ChaosCounters = {
    invocations: 0,
    crashesBeforeCommit: 0,
    crashesAfterCommit: 0,
    receivesByBody: new Map(),
    messageIdsByBody: new Map(),
  };
  // postgres.js can throw from a timer (`socket.write` on a socket already gone) when the server
  // restarts under it: in Lambda that kills the container and its invocation fails. Here it would kill the
  // whole run, so such a crash is counted and the invocation is left to the mapping's timeout instead.
  let driverCrashes = 0;
  let driverCrashesBeforeRestart = 0;
  let restarts = 0;
  const onCrash = (error: Error) => {
    if (error instanceof TypeError && error.stack?.includes("postgres/src/connection.js")) {
      driverCrashes++;
      if (restarts === 0) driverCrashesBeforeRestart++;
      return;
    }
    console.error(error);
    process.exit(1);
  };
  process.on("uncaughtException", onCrash);
  try {
    // A short visibility timeout so failed batches come back within seconds (the deployed one is 181 s).
    const queues = await createOrderQueues(client, { name: "chaos", visibilityTimeoutSeconds });
    const initialStock = await stockBySku(admin);
    const mapping = await startEventSourceMapping({
      sqs: client,
      queueUrl: queues.queueUrl,
      handler: chaoticHandler(workers.handler, settings, counters),
      receiveWaitSeconds,
      // A hung invocation (see onCrash) fails after 10 s instead of the deployed 30 s; the worker gives up
      // on a batch the frozen database holds `workerBatchMarginMs` before that.
      timeoutSeconds: functionTimeoutSeconds,
      onBatch: () => {},
      onError: () => {},
    });

    const started = performance.now();
    log(
      `chaos: sending ${plan.bodies.length} messages (${plan.duplicates} duplicates, ${plan.poison.size} poison)`,
    );
    await sendBodies(client, queues.queueUrl, plan.bodies);
    // Once PostgreSQL has restarted, while the workers drain the queue, the database and then the queue
    // endpoint go silent under API load (after the restart, so one message is not failed by both).
    const apiDatabaseUrl = new URL(database.serviceUrl("api"));
    apiDatabaseUrl.port = String(databaseFreeze.port);
    let freeze: FreezeOutcome | undefined;
    let freezing: Promise<void> | undefined;
    let freezeError: unknown;
    const startFreezing = () =>
      freezePhase({
        env: {
          ...sqs.env(),
          AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${queueFreeze.port}`,
          ORDERS_QUEUE_URL: queues.queueUrl,
          DATABASE_URL: apiDatabaseUrl.toString(),
        },
        database: databaseFreeze,
        queue: queueFreeze,
        freezeMs: settings.freezeMs ?? 10_000,
        clients: 4,
        log,
      }).then(
        (outcome) => {
          freeze = outcome;
        },
        (error: unknown) => {
          freezeError = error ?? new Error("the freeze phase failed");
        },
      );

    // One PostgreSQL restart once ~40 % of the orders are in: in-flight batches fail and are retried.
    const deadline = Date.now() + (options.quick ? 180_000 : 900_000);
    for (;;) {
      if (Date.now() > deadline) throw new Error("chaos run did not settle in time");
      if (freezeError !== undefined) throw freezeError;
      const recorded = await countOrders(admin);
      if (restarts === 0 && recorded >= plan.valid.length * 0.4) {
        log(`chaos: restarting PostgreSQL at ${recorded} orders`);
        await database.server.restart();
        restarts++;
      }
      if (restarts > 0) freezing ??= startFreezing();
      const main = await queueDepth(client, queues.queueUrl);
      const dead = await queueDepth(client, queues.deadLetterQueueUrl);
      if (
        freeze !== undefined &&
        recorded === plan.valid.length + freeze.acceptedOrderIds.length &&
        main.visible + main.inFlight === 0 &&
        dead.visible >= plan.poison.size
      ) {
        break;
      }
      await pause(250);
    }
    const drainMs = Math.round(performance.now() - started);
    await freezing;
    await mapping.stop();
    // The mapping's last long poll was aborted, but the emulator may still hand it the messages the redrive
    // is about to send (they would then stay invisible for a visibility timeout): let that poll expire first.
    await pause(receiveWaitSeconds * 1000 + 500);
    log(`chaos: settled in ${drainMs} ms after ${counters.invocations} invocations`);

    const done = freeze as FreezeOutcome;
    const checks = await verify(admin, plan, initialStock, counters, done);
    for (const window of done.windows) {
      const limit = window.deadlineMs + deadlines.answerSlackMs;
      checks.push({
        check: `API p99 while the ${window.frozen} is silent (ms, at most)`,
        expected: limit,
        actual: window.latency.p99,
        pass: window.latency.p99 <= limit,
      });
    }
    const deadBefore = await queueDepth(client, queues.deadLetterQueueUrl);
    const redrive = await redriveDeadLetters(client, {
      source: queues.deadLetterQueueUrl,
      destination: queues.queueUrl,
    });
    const back = await drainQueue(client, queues.queueUrl);
    const redrivenArePoison = sameSet(back, plan.poison);
    const deadAfter = await queueDepth(client, queues.deadLetterQueueUrl);
    checks.push(
      row("messages in the DLQ before redrive", plan.poison.size, deadBefore.visible),
      row(`redrive moved (${redrive.method})`, plan.poison.size, redrive.moved),
      row("DLQ after redrive", 0, deadAfter.visible + deadAfter.inFlight),
      row(
        "redriven bodies = the poison bodies",
        "same set",
        redrivenArePoison ? "same set" : `${back.length} bodies, differ`,
      ),
      row("sessions that would pin at RDS Proxy", 0, relay.pinnedSessions().length),
    );

    log(
      formatTable(
        done.windows.map((w) => ({
          frozen: w.frozen,
          answers: w.latency.count,
          statuses: Object.entries(w.statuses)
            .map(([status, n]) => `${n}x${status}`)
            .join(" "),
          "p50 ms": w.latency.p50,
          "p99 ms": w.latency.p99,
          "max ms": w.latency.max,
          "deadline ms": w.deadlineMs,
        })),
      ),
    );
    log(formatTable(checks.map((c) => ({ ...c, pass: c.pass ? "PASS" : "FAIL" }))));
    const figures: ChaosFigures = {
      settings,
      sent: plan.bodies.length,
      duplicates: plan.duplicates,
      poison: plan.poison.size,
      invocations: counters.invocations,
      crashesBeforeCommit: counters.crashesBeforeCommit,
      crashesAfterCommit: counters.crashesAfterCommit,
      restarts,
      duplicatesDelivered: duplicateDeliveries(plan, counters),
      deadLettered: deadBefore.visible,
      redrivenArePoison,
      driverCrashes,
      driverCrashesBeforeRestart,
      containers: workers.containers(),
      drainMs,
      pinnedSessions: relay.pinnedSessions().length,
      freezes: done.windows,
      apiOrders: done.acceptedOrderIds.length,
      checks,
    };
    const passed = checks.every((c) => c.pass);
    return {
      name: "chaos",
      summary:
        `${settings.orders} orders + ${plan.duplicates} duplicates + ${plan.poison.size} poison, ` +
        `${counters.crashesBeforeCommit} crashes before / ${counters.crashesAfterCommit} after commit, ` +
        `${restarts} PostgreSQL restart (${driverCrashes} driver crashes): ${checks.filter((c) => c.pass).length}/${checks.length} checks pass, ` +
        `settled in ${(drainMs / 1000).toFixed(1)} s; pinned sessions ${relay.pinnedSessions().length}`,
      targetMet: passed,
      figures,
    };
  } finally {
    process.off("uncaughtException", onCrash);
    await workers.close();
    await admin.end({ timeout: 1 });
    client.destroy();
    await sqs.stop();
    await databaseFreeze.stop();
    await queueFreeze.stop();
    await relay.stop();
    await database.stop();
  }
}

async function verify(
  admin: postgres.Sql,
  plan: ReturnType<typeof chaosPlan>,
  initialStock: Map<string, number>,
  counters: ChaosCounters,
  api: FreezeOutcome,
): Promise<ChaosCheck[]> {
  const ids = [...plan.valid.map((m) => m.orderId), ...api.acceptedOrderIds];
  const expectedOrders = ids.length;
  const [orders] = await admin<{ total: number; distinct: number; ours: number; accepted: number }[]>`
    select count(*)::int as total, count(distinct id)::int as distinct,
      count(*) filter (where id = any(${pgArray(ids)}::uuid[]))::int as ours,
      count(*) filter (where status = 'accepted')::int as accepted
    from orders`;
  const [items] = await admin<{ n: number }[]>`select count(*)::int as n from order_items`;
  const expectedItems = plan.valid.reduce((sum, m) => sum + m.items.length, 0) + api.items.length;

  const taken = new Map<string, number>();
  for (const i of [...plan.valid.flatMap((m) => m.items), ...api.items]) {
    taken.set(i.sku, (taken.get(i.sku) ?? 0) + i.quantity);
  }
  const stock = await stockBySku(admin);
  const wrongStock = benchSkus.filter(
    (sku) => stock.get(sku) !== (initialStock.get(sku) ?? 0) - (taken.get(sku) ?? 0),
  );

  const poisonReceives = [...plan.poison].map((body) => counters.receivesByBody.get(body) ?? 0);
  const exact = poisonReceives.filter((n) => n === orderFlow.maxReceiveCount).length;
  return [
    row("orders recorded (queued + through the API)", expectedOrders, orders?.total ?? 0),
    row("of them, the valid orders sent (by id)", expectedOrders, orders?.ours ?? 0),
    row("distinct order ids (no double effect)", expectedOrders, orders?.distinct ?? 0),
    row("accepted (ample stock)", expectedOrders, orders?.accepted ?? 0),
    row("order items", expectedItems, items?.n ?? 0),
    row(
      "SKUs whose stock = initial − accepted units",
      benchSkus.length,
      benchSkus.length - wrongStock.length,
    ),
    row(`poison handed to the worker exactly ${orderFlow.maxReceiveCount} times`, plan.poison.size, exact),
  ];
}

/** Second and later SQS messages that carried a valid order's body, as the worker saw them. */
function duplicateDeliveries(plan: ReturnType<typeof chaosPlan>, counters: ChaosCounters): number {
  const bodies = new Set(plan.valid.map((m) => JSON.stringify(m)));
  let extra = 0;
  for (const [body, ids] of counters.messageIdsByBody) if (bodies.has(body)) extra += ids.size - 1;
  return extra;
}

function row(check: string, expected: string | number, actual: string | number): ChaosCheck {
  return { check, expected, actual, pass: expected === actual };
}

function sameSet(values: readonly string[], expected: ReadonlySet<string>): boolean {
  return values.length === expected.size && values.every((v) => expected.has(v));
}

async function stockBySku(admin: postgres.Sql): Promise<Map<string, number>> {
  const rows = await admin<{ sku: string; stock: number }[]>`
    select sku, stock from products where sku = any(${pgArray(benchSkus)}::text[])`;
  return new Map(rows.map((r) => [r.sku, r.stock]));
}

function hostAndPort(endpoint: string): { host: string; port: number } {
  const url = new URL(endpoint);
  return { host: url.hostname, port: Number(url.port) };
}

/** Orders recorded so far; retried while PostgreSQL restarts. */
async function countOrders(admin: postgres.Sql): Promise<number> {
  try {
    const [row] = await admin<{ n: number }[]>`select count(*)::int as n from orders`;
    return row?.n ?? 0;
  } catch {
    return -1;
  }
}

export const chaosBenchmark: Benchmark = {
  name: "chaos",
  description:
    "10,000 orders with duplicates, poison, worker crashes, a PostgreSQL restart and 10 s of silent database and queue endpoint under API load: exactly-once verdict, API p99 within the deadlines",
  run: (options) => chaosRun(options),
};

/**
 * An array literal for plain values (uuids, bench SKUs: no quotes or commas). postgres.js's `sql.array` needs
 * the server's array types, which a fresh connection has not fetched when its first query is built.
 */
function pgArray(values: readonly string[]): string {
  return `{${values.join(",")}}`;
}
