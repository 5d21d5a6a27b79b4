import type { Logger } from "@aws-lambda-powertools/logger";
import { orderItemsTable, ordersTable, seedDemoCatalogue } from "@orders/db";
import { createDb, type DbClient } from "@orders/db-client";
import type { ServiceEnv } from "@orders/http-kit";
import { silentLogger } from "@orders/http-kit/testing";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Hono } from "hono";
import postgres from "postgres";
import { DbOrderReader } from "../adapters/db-order-reader";
import { DbProductReader } from "../adapters/db-product-reader";
import { SqsOrderQueue } from "../adapters/sqs/sqs-order-queue";
import { checkedApp } from "./api-contract";
import { type LocalQueue, startLocalQueue } from "./local-queue";

export interface ApiHarness {
  app: Hono<ServiceEnv>;
  database: TestDatabase;
  queue: LocalQueue;
  /** Connected as the API's own role (orders_api), like in production. */
  apiDb: DbClient;
  /** Writes a processed order the way the worker would (admin connection). */
  insertProcessedOrder(order: ProcessedOrder): Promise<void>;
  close(): Promise<void>;
}

export interface ProcessedOrder {
  id: string;
  customerId: string;
  status: "accepted" | "rejected";
  rejectionReason?: string;
  totalCents: number;
  acceptedAt: Date;
  items: { sku: string; quantity: number; unitPriceCents: number | null }[];
}

/**
 * The API wired to real adapters: a fresh migrated PostgreSQL database with the demo catalogue (read as the
 * orders_api role) and a real SQS emulator with an orders queue. Every response the app gives is held to
 * the published OpenAPI document ({@link checkedApp}).
 */
export async function startApiHarness(logger: Logger = silentLogger()): Promise<ApiHarness> {
  const database = await createTestDatabase("api");
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  const queue = await startLocalQueue();
  const apiDb = createDb({ kind: "url", url: database.serviceUrl("api") }, { applicationName: "api-test" });
  const app = checkedApp({
    queue: new SqsOrderQueue(queue.sender, queue.queueUrl),
    orders: new DbOrderReader(() => apiDb),
    products: new DbProductReader(() => apiDb),
    logger,
  });
  return {
    app,
    database,
    queue,
    apiDb,
    insertProcessedOrder: async (order) => {
      const db = drizzle(admin);
      await db.insert(ordersTable).values({
        id: order.id,
        customerId: order.customerId,
        currency: "USD",
        totalCents: order.totalCents,
        status: order.status,
        rejectionReason: order.rejectionReason ?? null,
        acceptedAt: order.acceptedAt,
      });
      await db.insert(orderItemsTable).values(order.items.map((item) => ({ orderId: order.id, ...item })));
    },
    close: async () => {
      await apiDb.close();
      await admin.end();
      await queue.stop();
      await database.drop();
    },
  };
}

/**
 * The API over a database that refuses its login for good: straight to PostgreSQL with a wrong password
 * (28P01), the non-retryable failure behind a 500. Close `db` when done.
 */
export function appWithRefusedDatabase(
  h: ApiHarness,
  logger: Logger = silentLogger(),
): { app: Hono<ServiceEnv>; db: DbClient } {
  const wrongPassword = new URL(h.database.adminUrl);
  wrongPassword.username = "orders_api";
  wrongPassword.password = "wrong";
  const db = createDb({ kind: "url", url: wrongPassword.toString() });
  const app = checkedApp({
    queue: new SqsOrderQueue(h.queue.sender, h.queue.queueUrl),
    orders: new DbOrderReader(() => db),
    products: new DbProductReader(() => db),
    logger,
  });
  return { app, db };
}
