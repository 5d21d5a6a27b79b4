import type { SQSClient } from "@aws-sdk/client-sqs";
import { startLocalSqs } from "@orders/local-aws";
import { type FreezeRelay, startFreezeRelay } from "@orders/local-postgres/testing";
import { type PinningRelay, startPinningRelay } from "@orders/proxy-check";
import postgres from "postgres";
import { type BenchDatabase, startBenchDatabase } from "../harness/bench-database";
import type { ContainerCrashes } from "./container-crashes";
import { workerContainers } from "./worker-containers";

/** The servers a chaos run drives, wired as the services see them, and the worker containers on top. */
export interface ChaosRig {
  database: BenchDatabase;
  /** Superuser connection for counting and checking (one connection). */
  admin: postgres.Sql;
  sqs: SQSClient;
  /** The pinning check in front of PostgreSQL: it sees every worker and API session. */
  pinning: PinningRelay;
  /** Makes the database go silent for the workers and the API alike. */
  databaseFreeze: FreezeRelay;
  /** Makes the queue endpoint go silent for the API's sends. */
  queueFreeze: FreezeRelay;
  workers: ReturnType<typeof workerContainers>;
  /** The API's environment: database and queue endpoint through the freeze relays. */
  apiEnv(queueUrl: string): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL, the SQS emulator and the relays in front of them. The pinning check fronts PostgreSQL
 * itself, not PgBouncer: the run restarts PostgreSQL, and PgBouncer refuses logins for a while after its
 * server restarts ("server login has been failing"), which would stall the run rather than test the worker
 * (docs/decisions/0006-pgbouncer-stands-in-for-rds-proxy.md).
 */
export async function startChaosRig(crashes: Pick<ContainerCrashes, "within">): Promise<ChaosRig> {
  const database = await startBenchDatabase();
  const localSqs = await startLocalSqs();
  const sqs = localSqs.client();
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  const pinning = await startPinningRelay({
    upstream: { host: database.server.host, port: database.server.port },
  });
  const databaseFreeze = await startFreezeRelay({ host: "127.0.0.1", port: pinning.port });
  const queueFreeze = await startFreezeRelay(hostAndPort(localSqs.env().AWS_ENDPOINT_URL_SQS as string));
  const viaFreeze = (url: string) => {
    const relayed = new URL(url);
    relayed.port = String(databaseFreeze.port);
    return relayed.toString();
  };
  const workers = workerContainers(viaFreeze(database.serviceUrl("worker")), crashes);
  return {
    database,
    admin,
    sqs,
    pinning,
    databaseFreeze,
    queueFreeze,
    workers,
    apiEnv: (queueUrl) => ({
      ...localSqs.env(),
      AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${queueFreeze.port}`,
      ORDERS_QUEUE_URL: queueUrl,
      DATABASE_URL: viaFreeze(database.serviceUrl("api")),
    }),
    stop: async () => {
      await workers.close();
      await admin.end({ timeout: 1 });
      sqs.destroy();
      await localSqs.stop();
      await databaseFreeze.stop();
      await queueFreeze.stop();
      await pinning.stop();
      await database.stop();
    },
  };
}

function hostAndPort(endpoint: string): { host: string; port: number } {
  const url = new URL(endpoint);
  return { host: url.hostname, port: Number(url.port) };
}
