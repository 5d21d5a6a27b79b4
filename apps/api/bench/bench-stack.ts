import { randomBytes } from "node:crypto";
import { runMigrations, seedDemoCatalogue, setServiceRolePassword } from "@orders/db";
import { createDatabase, type PostgresTarget, usePostgres, withDatabase } from "@orders/local-postgres";
import postgres from "postgres";
import { type LocalQueue, startLocalQueue } from "../src/testing/local-queue";

export interface BenchStack {
  queue: LocalQueue;
  /** Superuser URL of the migrated, seeded bench database. */
  adminUrl: string;
  /** The same database as the orders_api role. */
  apiUrl: string;
  stop(): Promise<void>;
}

/** A real PostgreSQL (embedded, or DATABASE_URL) with a migrated, seeded database, and the SQS emulator. */
export async function startBenchStack(): Promise<BenchStack> {
  const server: PostgresTarget = await usePostgres();
  const name = `api_bench_${Date.now()}`;
  const adminUrl = await createDatabase(server.adminUrl, name);
  await runMigrations({ url: adminUrl });
  const password = randomBytes(12).toString("hex");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await setServiceRolePassword(sql, "api", password);
  await seedDemoCatalogue(sql);
  await sql.end();
  const api = new URL(withDatabase(server.adminUrl, name));
  api.username = "orders_api";
  api.password = password;
  const queue = await startLocalQueue();
  return {
    queue,
    adminUrl,
    apiUrl: api.toString(),
    stop: async () => {
      await queue.stop();
      await server.stop();
    },
  };
}
