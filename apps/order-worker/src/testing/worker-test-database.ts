import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import postgres from "postgres";

/** A test's own database with an owner client and a client that logs in as the worker does. */
export interface WorkerTestDatabase {
  database: TestDatabase;
  /** Owner: seeds and inspects what the worker wrote. */
  admin: postgres.Sql;
  /** The worker's role through the run's proxy chain, without prepared statements, as in AWS. */
  worker: postgres.Sql;
  /** Ends both clients and drops the database. */
  close(): Promise<void>;
}

/**
 * Creates the database a worker test file runs against.
 *
 * @example
 * beforeAll(async () => ({ database, admin, worker, close } = await openWorkerTestDatabase("worker-spec")));
 * afterAll(() => close());
 */
export async function openWorkerTestDatabase(name: string): Promise<WorkerTestDatabase> {
  const database = await createTestDatabase(name);
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  const worker = postgres(database.serviceUrl("worker"), { max: 1, prepare: false, onnotice: () => {} });
  return {
    database,
    admin,
    worker,
    close: async () => {
      await worker.end();
      await admin.end();
      await database.drop();
    },
  };
}
