import { randomUUID } from "node:crypto";
import { createDb } from "@orders/db-client";
import { silentLogger } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import postgres from "postgres";
import { DbOrderReader } from "../src/adapters/db-order-reader";
import { DbProductReader } from "../src/adapters/db-product-reader";
import { SqsOrderQueue } from "../src/adapters/sqs/sqs-order-queue";
import { createApp } from "../src/http/create-app";
import { startBenchStack } from "./bench-stack";
import { runLoad } from "./load";

/**
 * Figures for the API, printed (never asserted): the accept path
 * (POST /orders → SQS emulator) and the read path (GET /orders/{id} → PostgreSQL over one connection, as one
 * Lambda instance holds). Run: `npx tsx apps/api/bench/api-bench.ts` (env REQUESTS, CONCURRENCY for the
 * accept path, READ_CONCURRENCY for the reads).
 */
const requests = Number(process.env.REQUESTS ?? 2000);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
/**
 * Reads run one at a time by default: a Lambda instance serves one request at a time over its one
 * connection, so that is the latency a client sees; more instances add throughput, not speed.
 */
const readConcurrency = Number(process.env.READ_CONCURRENCY ?? 1);

const stack = await startBenchStack();
const apiDb = createDb({ kind: "url", url: stack.apiUrl }, { applicationName: "api-bench" });
try {
  const app = createApp({
    queue: new SqsOrderQueue(stack.queue.sender, stack.queue.queueUrl),
    orders: new DbOrderReader(() => apiDb),
    products: new DbProductReader(() => apiDb),
    logger: silentLogger(),
  });

  const accept = await runLoad(requests, concurrency, (i) =>
    app.request(
      "/orders",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": `bench-${i}` },
        body: JSON.stringify({ customerId: `c-${i % 100}`, items: [{ sku: "KB-001", quantity: 1 }] }),
      },
      // As API Gateway hands the request on once its authorizer accepted the token (not measured here).
      signedInAs(`c-${i % 100}`),
    ),
  );
  await stack.queue.drain();

  // Processed orders to read, written the way the worker would.
  const admin = postgres(stack.adminUrl, { max: 1, onnotice: () => {} });
  const ids = Array.from({ length: 200 }, () => randomUUID());
  await admin`insert into orders ${admin(
    ids.map((id) => ({
      id,
      customer_id: "c",
      currency: "USD",
      total_cents: 8999,
      status: "accepted",
      accepted_at: new Date(),
    })),
  )}`;
  await admin`insert into order_items ${admin(ids.map((id) => ({ order_id: id, sku: "KB-001", quantity: 1, unit_price_cents: 8999 })))}`;
  await admin.end();
  const read = await runLoad(requests, readConcurrency, (i) =>
    app.request(`/orders/${ids[i % ids.length]}`, {}, signedInAs("c")),
  );
  const products = await runLoad(Math.min(requests, 1000), readConcurrency, () => app.request("/products"));

  console.log(`\nAPI benchmark (${new Date().toISOString()}, node ${process.version})\n`);
  console.table({
    "POST /orders → SQS (fauxqs)": accept,
    "GET /orders/{id} → PostgreSQL (1 conn)": read,
    "GET /products → PostgreSQL (1 conn)": products,
  });
  // One cold-start harness for every function, bundling as SST deploys: the root benchmarks' cold-start.
  console.log("Lambda bundle and cold start: `npm run bench -- cold-start`.");
} finally {
  await apiDb.close();
  await stack.stop();
}
