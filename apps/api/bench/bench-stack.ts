import { startProvisionedDatabase } from "@orders/local-database";
import { usePostgres } from "@orders/local-postgres";
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
  const database = await startProvisionedDatabase(() => usePostgres(), {
    database: `api_bench_${Date.now()}`,
    services: ["api"],
  });
  const queue = await startLocalQueue().catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  return {
    queue,
    adminUrl: database.adminUrl,
    apiUrl: database.directServiceUrl("api"),
    stop: async () => {
      await queue.stop();
      await database.stop();
    },
  };
}
