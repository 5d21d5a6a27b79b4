import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { demoCatalogue } from "@orders/db";
import { localSqsClient, queueDepth } from "@orders/local-aws";
import { signInWithPassword } from "@orders/local-identity";
import { orderFlow } from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readyBanner } from "./banner";
import type { LocalStack } from "./local-stack";
import { orderPlan, type PlannedRequest, UNKNOWN_SKU } from "./order-plan";
import { repoPath, repoRoot } from "./repo-paths";
import { listeningSockets, processTree } from "./testing/listening-sockets";
import { startTestStack, type TestStack } from "./testing/test-stack";

const run = promisify(execFile);

const UNIQUE_ORDERS = 150;
const REPEATED_KEYS = 10;
const REPEATS = 5;
/** Requests in flight at once from the test client. */
const CLIENT_CONCURRENCY = 16;

let stack: LocalStack;
let sql: postgres.Sql;
let database: string;
let output: string[] = [];
let testStack: TestStack | undefined;

beforeAll(async () => {
  testStack = await startTestStack("stack_e2e");
  ({ stack, database, output } = testStack);
  sql = postgres(stack.databaseUrl, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end();
  await testStack?.stop();
});

interface Placed {
  request: PlannedRequest;
  status: number;
  orderId: string;
}

/** One real token per customer, from the stack's provider (signing in through its form). */
const tokens = new Map<string, Promise<string>>();
function tokenFor(customer: string): Promise<string> {
  let token = tokens.get(customer);
  if (!token) {
    token = stack.identity.accounts.ensure(customer, false).then(async ({ password }) => {
      const signedIn = await signInWithPassword({
        issuer: stack.identity.issuer,
        clientId: stack.identity.clientId,
        username: customer,
        password,
      });
      return signedIn.accessToken;
    });
    tokens.set(customer, token);
  }
  return token;
}

async function place(request: PlannedRequest): Promise<Placed> {
  const response = await fetch(`${stack.apiUrl}/orders`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await tokenFor(request.body.customerId)}`,
      "content-type": "application/json",
      ...(request.idempotencyKey ? { "idempotency-key": request.idempotencyKey } : {}),
    },
    body: JSON.stringify(request.body),
  });
  const json = (await response.json()) as { orderId: string };
  return { request, status: response.status, orderId: json.orderId };
}

/** Sends every request with at most `limit` in flight, in an order that interleaves the kinds. */
async function placeAll(plan: PlannedRequest[], limit: number): Promise<Placed[]> {
  const results: Placed[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < plan.length) {
        const request = plan[next++] as PlannedRequest;
        results.push(await place(request));
      }
    }),
  );
  return results;
}

describe("the local stack, end to end", () => {
  it("starts the api, the worker and reporting, each answering where the banner says", async () => {
    expect(stack.started).toEqual(["api", "worker", "reporting"]);
    expect(stack.skipped).toEqual([]);
    expect((await fetch(`${stack.apiUrl}/health`)).status).toBe(200);
    const dashboard = await fetch(`${stack.reportingUrl}/`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get("content-type")).toMatch(/text\/html/);
    // The page's script, bundled from its TypeScript when the reporting service started.
    const script = await fetch(`${stack.reportingUrl}/assets/dashboard.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain("code_challenge_method");
  });

  it("listens on 127.0.0.1 only: every server it started, in this process and in its children", async () => {
    const announced = [
      stack.apiUrl,
      stack.reportingUrl,
      stack.sqsEndpoint,
      stack.identity.issuer,
      ...[...stack.databaseChain.matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => `http://127.0.0.1:${m[1]}`),
    ].map((url) => Number(new URL(url as string).port));
    // api, reporting, SQS emulator, OpenID provider, pinning check, PgBouncer, PostgreSQL.
    expect(new Set(announced).size).toBe(7);
    const sockets = await listeningSockets(await processTree(process.pid));
    expect(sockets.map((s) => s.port)).toEqual(expect.arrayContaining(announced));
    expect(sockets.filter((s) => s.address !== "127.0.0.1")).toEqual([]);
  });

  it("prints the demo users' credentials, which sign in: a customer is refused the reports, staff gets them", async () => {
    const banner = readyBanner(stack);
    const staff = stack.demoUsers.find((u) => u.staff);
    const customer = stack.demoUsers.find((u) => !u.staff);
    expect(banner).toContain(`staff    ${staff?.subject} / ${staff?.password}`);
    expect(banner).toContain(`customer ${customer?.subject} / ${customer?.password}`);
    const signIn = (user: typeof staff) =>
      signInWithPassword({
        issuer: stack.identity.issuer,
        clientId: stack.identity.clientId,
        username: String(user?.subject),
        password: String(user?.password),
      });
    const queue = (token: string) =>
      fetch(`${stack.reportingUrl}/reports/queue`, { headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(`${stack.reportingUrl}/reports/queue`)).status).toBe(401);
    expect((await queue((await signIn(customer)).accessToken)).status).toBe(403);
    expect((await queue((await signIn(staff)).accessToken)).status).toBe(200);
    expect((await fetch(`${stack.apiUrl}/orders/${randomUUID()}`)).status).toBe(401);
  });

  it("processes every accepted request exactly once, keeps stock consistent, and GET agrees", async () => {
    const plan = orderPlan({ unique: UNIQUE_ORDERS, repeatedKeys: REPEATED_KEYS, repeats: REPEATS });
    const started = performance.now();
    const placed = await placeAll(plan, CLIENT_CONCURRENCY);
    const postMs = performance.now() - started;

    expect(placed.filter((p) => p.status !== 202)).toEqual([]);
    const ids = new Set(placed.map((p) => p.orderId));
    const expectedOrders = UNIQUE_ORDERS + REPEATED_KEYS;
    expect(ids.size).toBe(expectedOrders);
    // Every repeat of an Idempotency-Key named the same order.
    for (let key = 0; key < REPEATED_KEYS; key++) {
      const named = new Set(
        placed.filter((p) => p.request.idempotencyKey === `e2e-key-${key}`).map((p) => p.orderId),
      );
      expect(named.size).toBe(1);
    }

    const sqs = localSqsClient(stack.sqsEndpoint);
    let peakWorkerConnections = 0;
    try {
      await vi.waitFor(
        async () => {
          const [connections] = await sql<{ n: number }[]>`
            select count(*)::int as n from pg_stat_activity where usename = 'orders_worker'`;
          peakWorkerConnections = Math.max(peakWorkerConnections, connections?.n ?? 0);
          const [row] = await sql<{ n: number }[]>`select count(*)::int as n from orders`;
          const depth = await queueDepth(sqs, stack.queues.queueUrl);
          expect({ orders: row?.n, queued: depth.visible + depth.inFlight }).toEqual({
            orders: expectedOrders,
            queued: 0,
          });
        },
        { timeout: 120_000, interval: 100 },
      );
      expect(await queueDepth(sqs, stack.queues.deadLetterQueueUrl)).toEqual({
        visible: 0,
        inFlight: 0,
        delayed: 0,
      });
    } finally {
      sqs.destroy();
    }
    const drainMs = performance.now() - started;
    // One connection per concurrent batch at most: the bound the deployed mapping's maximumConcurrency sets.
    expect(peakWorkerConnections).toBeGreaterThan(0);
    expect(peakWorkerConnections).toBeLessThanOrEqual(orderFlow.maxConcurrency);

    const orders = await sql<
      { id: string; status: string; rejection_reason: string | null; total_cents: number }[]
    >`
      select id, status, rejection_reason, total_cents::int as total_cents from orders`;
    // No loss, no duplicates, nothing the API did not acknowledge.
    expect(new Set(orders.map((o) => o.id))).toEqual(ids);
    expect(orders.length).toBe(ids.size);

    const byId = new Map(orders.map((o) => [o.id, o]));
    const kindOf = new Map(placed.map((p) => [p.orderId, p.request.kind]));
    const statusesOf = (kind: PlannedRequest["kind"]) =>
      orders.filter((o) => kindOf.get(o.id) === kind).map((o) => o.status);
    expect(new Set(statusesOf("plentiful"))).toEqual(new Set(["accepted"]));
    expect(new Set(statusesOf("repeated"))).toEqual(new Set(["accepted"]));
    expect(new Set(statusesOf("sold-out"))).toEqual(new Set(["rejected"]));
    for (const order of orders.filter((o) => kindOf.get(o.id) === "unknown-sku")) {
      expect(order).toMatchObject({ status: "rejected", rejection_reason: `unknown_sku:${UNKNOWN_SKU}` });
    }

    // Stock: initial minus the units of accepted orders, per product; never negative.
    const stock = await sql<{ sku: string; stock: number; sold: number }[]>`
      select p.sku, p.stock, coalesce(sum(i.quantity) filter (where o.status = 'accepted'), 0)::int as sold
      from products p
      left join order_items i on i.sku = p.sku
      left join orders o on o.id = i.order_id
      group by p.sku, p.stock`;
    for (const product of demoCatalogue) {
      const row = stock.find((s) => s.sku === product.sku);
      expect(row, product.sku).toBeDefined();
      expect(row?.stock, product.sku).toBe(product.stock - (row?.sold ?? 0));
      expect(row?.stock, product.sku).toBeGreaterThanOrEqual(0);
    }
    const sold = (sku: string) => stock.find((s) => s.sku === sku)?.sold;
    // Scarce products sell out exactly: every request was for a quantity that fits until the last unit(s).
    expect(sold("LE-011")).toBe(3);
    expect(sold("LP-009")).toBe(4);
    expect(sold("CH-007")).toBe(REPEATED_KEYS);
    expect(sold("SS-012")).toBe(0);

    // The API's view of every order matches the database.
    for (const id of ids) {
      const owner = placed.find((p) => p.orderId === id)?.request.body.customerId ?? "";
      const response = await fetch(`${stack.apiUrl}/orders/${id}`, {
        headers: { authorization: `Bearer ${await tokenFor(owner)}` },
      });
      expect(response.status).toBe(200);
      const view = (await response.json()) as { orderId: string; status: string; totalCents: number };
      const row = byId.get(id);
      expect(view).toMatchObject({ orderId: id, status: row?.status, totalCents: row?.total_cents });
    }

    // The API and the worker hold their connection as their own role; nothing but this test uses the owner
    // (reporting connects only while it rolls up).
    const roles = (
      await sql<{ usename: string }[]>`
        select distinct usename from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`
    ).map((r) => r.usename);
    expect(roles).toEqual(expect.arrayContaining(["orders_api", "orders_worker"]));
    const owner = new URL(stack.databaseUrl).username;
    expect(
      roles.filter((role) => !["orders_api", "orders_worker", "orders_reporting", owner].includes(role)),
    ).toEqual([]);

    const count = (status: string) => orders.filter((o) => o.status === status).length;
    const rejectedFor = (prefix: string) =>
      orders.filter((o) => o.rejection_reason?.startsWith(prefix)).length;
    console.log(
      [
        `e2e: ${placed.length} POST /orders (${REPEATED_KEYS} keys x ${REPEATS} repeats) -> ${ids.size} distinct orders`,
        `     ${count("accepted")} accepted, ${count("rejected")} rejected ` +
          `(${rejectedFor("insufficient_stock")} insufficient stock, ${rejectedFor("unknown_sku")} unknown sku)`,
        `     posted in ${Math.round(postMs)} ms, all processed ${Math.round(drainMs)} ms after the first POST`,
        `     worker: ${output.filter((l) => l.includes('"sqs batch"')).length} batches, ` +
          `at most ${peakWorkerConnections} database connections seen (bound ${orderFlow.maxConcurrency})`,
      ].join("\n"),
    );
  });

  it("`npm run redrive` puts dead letters back on the orders queue, where the worker processes them", async () => {
    const sqs = localSqsClient(stack.sqsEndpoint);
    const orderIds = [randomUUID(), randomUUID()];
    try {
      for (const orderId of orderIds) {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: stack.queues.deadLetterQueueUrl,
            MessageBody: JSON.stringify({
              schemaVersion: 1,
              orderId,
              customerId: "e2e-redrive",
              currency: "USD",
              items: [{ sku: "WC-005", quantity: 1 }],
              acceptedAt: new Date().toISOString(),
              correlationId: `redrive-${orderId}`,
            }),
          }),
        );
      }
    } finally {
      sqs.destroy();
    }
    const redrive = (env: Record<string, string>) =>
      run(process.execPath, ["--import", "tsx", repoPath("tools/local-stack/src/redrive.ts")], {
        cwd: repoRoot,
        env: { ...process.env, ...env },
      });

    // The AWS code path (explicit queue URLs, a plain client configured by the environment)...
    const first = await redrive({
      ORDERS_DLQ_URL: stack.queues.deadLetterQueueUrl,
      ORDERS_QUEUE_URL: stack.queues.queueUrl,
      AWS_ENDPOINT_URL_SQS: stack.sqsEndpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    });
    expect(first.stdout).toMatch(/moved 2 message\(s\) with receive-send-delete; 0 failed/);
    // ...and the local default, which finds the running stack's queues by name on its emulator port.
    const second = await redrive({ LOCAL_SQS_PORT: new URL(stack.sqsEndpoint).port });
    expect(second.stdout).toMatch(/moved 0 message\(s\)/);

    await vi.waitFor(
      async () => {
        const rows = await sql`select id from orders where id in ${sql(orderIds)} and status = 'accepted'`;
        expect(rows.length).toBe(orderIds.length);
      },
      { timeout: 30_000, interval: 100 },
    );
  });

  it("sends nothing that would pin an RDS Proxy session, under the largest orders and rollups", async () => {
    expect(stack.databaseChain).toMatch(/pinning check .* → PgBouncer .*transaction pooling.* → PostgreSQL/);
    // The largest orders the contract allows: 50 items, 64-character SKUs (unknown here, so rejected).
    const large = Array.from({ length: 30 }, (_, n) => ({
      customerId: `large-${n}-`.padEnd(64, "c"),
      items: Array.from({ length: 50 }, (_, i) => ({ sku: `LARGE-${n}-${i}-`.padEnd(64, "x"), quantity: 1 })),
    }));
    const ids: string[] = [];
    for (const body of large) {
      const response = await fetch(`${stack.apiUrl}/orders`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${await tokenFor(body.customerId)}`,
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(202);
      ids.push(((await response.json()) as { orderId: string }).orderId);
    }
    await vi.waitFor(
      async () => {
        const rows = await sql`select id from orders where id in ${sql(ids)}`;
        expect(rows.length).toBe(ids.length);
      },
      { timeout: 60_000, interval: 100 },
    );
    const rollups = output.filter((line) => line.includes("daily sales rolled up"));
    expect(rollups.length).toBeGreaterThan(0);
    expect(stack.pinnedSessions().map((s) => `${s.user}: ${s.pinnedBy?.statement.slice(0, 200)}`)).toEqual(
      [],
    );
  });
});
