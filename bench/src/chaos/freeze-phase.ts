import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { authorizerEnv } from "@orders/local-identity/local-authorizer";
import { startIdentityFixture } from "@orders/local-identity/testing";
import { findFreePort } from "@orders/local-postgres";
import type { FreezeRelay } from "@orders/local-postgres/testing";
import { deadlines } from "@orders/settings";
import { benchSkus } from "../harness/bench-catalogue";
import { type LatencySummary, summariseLatency } from "../harness/latency";
import { pause } from "../harness/pause";

/** One freeze of one dependency, as API clients saw it. */
export interface FreezeWindow {
  frozen: "database" | "queue endpoint";
  /** What every answer must come within: the longest deadline of a call that needs the frozen piece. */
  deadlineMs: number;
  latency: LatencySummary;
  /** Answers by status, e.g. `{ "202": 40, "503": 80 }`. */
  statuses: Record<string, number>;
}

export interface FreezeOutcome {
  windows: FreezeWindow[];
  /** Orders the API accepted (202), retried by the client after a 503 until accepted, as a client does. */
  acceptedOrderIds: string[];
  /** What those orders take from stock. */
  items: { sku: string; quantity: number }[];
}

export interface FreezePhaseOptions {
  /** The API's environment: DATABASE_URL through `database`, AWS_ENDPOINT_URL_SQS through `queue`. */
  env: Record<string, string>;
  database: FreezeRelay;
  queue: FreezeRelay;
  freezeMs: number;
  /** Concurrent clients calling the API throughout. */
  clients: number;
  log: (line: string) => void;
}

/**
 * Runs the real API (its local entry point, a process of its own, as `npm start` does) and calls it from
 * `clients` loops while first the database and then the queue endpoint go silent for `freezeMs` each.
 * Records how long each answer took; a `POST /orders` answered 503 is retried after the thaw with the same
 * Idempotency-Key, the way docs/deploy.md tells clients to, so every order a client sent ends up accepted.
 */
export async function freezePhase(options: FreezePhaseOptions): Promise<FreezeOutcome> {
  const port = await findFreePort();
  // The API behind its local authorizer, as behind API Gateway's: clients call it with a customer's token.
  const idp = await startIdentityFixture();
  const authorization = `Bearer ${await idp.tokenFor("chaos-client")}`;
  const api = spawnApi({ ...options.env, ...authorizerEnv(idp.authorizer), PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  const accepted = new Map<string, string>();
  const items: FreezeOutcome["items"] = [];
  const refused: { key: string; body: string }[] = [];
  let seq = 0;
  try {
    await waitForHealth(base);
    const post = async (key: string, body: string) => {
      const res = await fetch(`${base}/orders`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key, authorization },
        body,
      });
      const answer = (await res.json()) as { orderId?: string };
      if (res.status === 202 && answer.orderId) accepted.set(key, answer.orderId);
      return res.status;
    };
    const newOrder = async () => {
      const n = seq++;
      const item = { sku: benchSkus[n % benchSkus.length] as string, quantity: 1 };
      const key = `chaos-freeze-${n}`;
      const body = JSON.stringify({ customerId: "chaos-client", currency: "USD", items: [item] });
      items.push(item);
      const status = await post(key, body);
      if (status !== 202) refused.push({ key, body });
      return status;
    };
    const calls = [
      newOrder,
      async () => (await fetch(`${base}/products`).then(drain)).status,
      async () => {
        const id = [...accepted.values()].at(-1) ?? "00000000-0000-4000-8000-000000000000";
        return (await fetch(`${base}/orders/${id}`, { headers: { authorization } }).then(drain)).status;
      },
    ];
    // Warm, as a container that has served before: the first read loads the database code and connects.
    for (const call of calls) await call();
    const windows: FreezeWindow[] = [];
    for (const [frozen, relay, deadlineMs] of [
      ["database", options.database, deadlines.apiDatabaseReadMs],
      ["queue endpoint", options.queue, deadlines.apiQueueSendMs],
    ] as const) {
      const durations: number[] = [];
      const statuses: Record<string, number> = {};
      options.log(`chaos: freezing the ${frozen} for ${options.freezeMs} ms`);
      relay.freeze();
      const until = Date.now() + options.freezeMs;
      await Promise.all(
        Array.from({ length: options.clients }, async (_, client) => {
          for (let i = client; Date.now() < until; i++) {
            const started = performance.now();
            const status = await (calls[i % calls.length] as () => Promise<number>)();
            durations.push(performance.now() - started);
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }),
      );
      relay.thaw();
      windows.push({ frozen, deadlineMs, latency: summariseLatency(durations), statuses });
    }
    // The clients retry what was refused, with the same key, until the API takes it.
    for (const order of refused) {
      for (let attempt = 0; (await post(order.key, order.body)) !== 202; attempt++) {
        if (attempt >= 20) throw new Error(`the API kept refusing order ${order.key} after the thaw`);
        await pause(250);
      }
    }
    return { windows, acceptedOrderIds: [...new Set(accepted.values())], items };
  } finally {
    options.database.thaw();
    options.queue.thaw();
    await stopApi(api);
    await idp.close();
  }
}

/** Reads and drops a body, so the connection is free for the next request. */
async function drain(res: Response): Promise<Response> {
  await res.arrayBuffer();
  return res;
}

function spawnApi(env: Record<string, string>): ChildProcess {
  const entry = fileURLToPath(import.meta.resolve("@orders/api/local"));
  return spawn(process.execPath, ["--import", "tsx", entry], {
    env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: "SILENT" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${base}/health`).then(
      (res) => drain(res).then(() => res.ok),
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error("the API did not start within 30 s");
    await pause(200);
  }
}

async function stopApi(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null) return;
  const exited = new Promise((resolve) => api.once("exit", resolve));
  api.kill("SIGTERM");
  await exited;
}
