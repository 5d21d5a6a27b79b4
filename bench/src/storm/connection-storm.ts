import { startPgBouncer } from "@orders/local-postgres";
import { startPinningRelay } from "@orders/proxy-check";
import { serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { clearBackends, countBackends } from "../harness/backends";
import { startBenchDatabase } from "../harness/bench-database";
import type { Benchmark, BenchOptions, BenchResult } from "../harness/result";
import { formatTable } from "../harness/table";
import { runStorm, type StormResult } from "./run-storm";

export interface ConnectionStormOptions extends BenchOptions {
  /** Concurrent instances per round. */
  sizes?: number[];
  /** The server's `max_connections`. */
  maxConnections?: number;
  /** PgBouncer server connections for the worker role (stands in for RDS Proxy's pool). */
  poolSize?: number;
  /** Simulator processes (0: in this process); see StormOptions.shards. */
  shards?: number;
  /**
   * How instances log in to the pooler. `token` (default): the password is sent as is and compared, the shape
   * of RDS Proxy's IAM auth (a signed token over TLS: no PBKDF2 for the instance or the proxy). `scram`: full
   * SCRAM with the pooler holding the role's verifier, so every instance runs PBKDF2 (4,096 rounds) on the
   * simulator's CPU, which real instances would each do on their own.
   */
  poolerAuth?: "token" | "scram";
}

export interface ConnectionStormFigures {
  maxConnections: number;
  poolSize: number;
  writePath: string;
  shards: number;
  poolerAuth: "token" | "scram";
  /** `pinnedSessions`: sessions through the pooler that would have pinned at RDS Proxy (0 when direct). */
  rounds: ({ target: "direct" | "pooler"; leftOpen: number; pinnedSessions: number } & StormResult)[];
}

/**
 * Connection storm: N short-lived "instances" straight to PostgreSQL (max_connections 100) and through
 * PgBouncer in transaction mode (the RDS Proxy stand-in). Direct connections hit `53300 too many clients`;
 * the pooler queues clients and holds at most `poolSize` server backends.
 */
export async function connectionStorm(options: ConnectionStormOptions): Promise<BenchResult> {
  const sizes = options.sizes ?? (options.quick ? [40] : [100, 1000, 2000]);
  const maxConnections = options.maxConnections ?? (options.quick ? 20 : 100);
  const poolSize = options.poolSize ?? (options.quick ? 5 : 20);
  const shards = options.shards ?? (options.quick ? 0 : 8);
  const label = "worker processOrderBatch, 1 order per instance";
  const log = options.log;

  const database = await startBenchDatabase({ maxConnections });
  const poolerAuth = options.poolerAuth ?? "token";
  // With SCRAM, PgBouncer gets the role's verifier, not its password (what an auth_query setup hands it): it
  // checks each client's proof with a few HMACs instead of running PBKDF2 on its single thread per login.
  const secret =
    poolerAuth === "token"
      ? database.password("worker")
      : await scramVerifier(database.adminUrl, serviceRoles.worker);
  const rounds: ConnectionStormFigures["rounds"] = [];
  try {
    log(
      `connection storm: max_connections ${maxConnections}, pool ${poolSize}, write path: ${label}, ` +
        `simulator processes: ${shards || 1}, pooler login: ${poolerAuth}`,
    );
    for (const instances of sizes) {
      for (const target of ["direct", "pooler"] as const) {
        // Every round starts from a quiet server: nothing left from the previous one takes a slot or counts.
        await clearBackends(database.adminUrl, serviceRoles.worker);
        // A pooler per round, stopped after it: its idle server connections must not take slots (or be
        // counted) in the next direct round.
        const pooler =
          target === "pooler"
            ? await startPgBouncer({
                upstream: { host: database.server.host, port: database.server.port },
                users: [{ user: serviceRoles.worker, password: secret }],
                clientAuth: poolerAuth === "token" ? "plain" : "scram-sha-256",
                poolSize,
                maxClientConnections: instances + 100,
              })
            : undefined;
        // In front of the pooler, where RDS Proxy sits: the pinning check sees every instance's session.
        const relay = pooler
          ? await startPinningRelay({ upstream: { host: pooler.host, port: pooler.port } })
          : undefined;
        const url = new URL(database.serviceUrl("worker"));
        if (relay) url.host = `${relay.host}:${relay.port}`;
        const result = await runStorm({
          url: url.toString(),
          adminUrl: database.adminUrl,
          instances,
          label: `${target}${instances}`,
          shards,
          ...(target === "pooler" ? { ignoreApplicationPrefix: "direct" } : {}),
        }).finally(async () => {
          await relay?.stop();
          await pooler?.stop();
        });
        const pinnedSessions = relay?.pinnedSessions().length ?? 0;
        // Server connections still open once every client has closed (and the pooler has stopped).
        const leftOpen = await countBackends(
          database.adminUrl,
          serviceRoles.worker,
          `${target}${instances}-`,
        );
        rounds.push({ target, ...result, leftOpen, pinnedSessions });
        log(`  ${target} N=${instances}: ${result.succeeded} ok, ${JSON.stringify(result.failuresByCode)}`);
      }
    }
  } finally {
    await database.stop();
  }

  log(
    formatTable(
      rounds.map((r) => ({
        target: r.target,
        N: r.instances,
        ok: r.succeeded,
        failed: r.instances - r.succeeded,
        "failures by code": Object.entries(r.failuresByCode)
          .map(([code, n]) => `${code}:${n}`)
          .join(" "),
        "wall ms": r.wallMs,
        "p50 ms": r.latency.p50,
        "p99 ms": r.latency.p99,
        "peak backends": r.peakBackends,
        "left open": r.leftOpen,
        pinned: r.target === "pooler" ? r.pinnedSessions : "-",
        "max loop lag ms": r.maxLoopDelayMs,
      })),
    ),
  );

  const pooled = rounds.filter((r) => r.target === "pooler");
  const direct = rounds.filter((r) => r.target === "direct");
  const largest = Math.max(...sizes);
  const pooledLargest = pooled.find((r) => r.instances === largest);
  const directLargest = direct.find((r) => r.instances === largest);
  const targetMet =
    pooled.every(
      (r) => r.succeeded === r.instances && r.peakBackends <= poolSize && r.pinnedSessions === 0,
    ) && (directLargest?.failuresByCode["53300"] ?? 0) > 0;
  const summary =
    `N=${largest}: pooler ${pooledLargest?.succeeded}/${largest} ok, peak ${pooledLargest?.peakBackends} backends ` +
    `(pool ${poolSize}), p99 ${pooledLargest?.latency.p99} ms, pinned sessions ${sum(pooled.map((r) => r.pinnedSessions))}; direct ${directLargest?.succeeded}/${largest} ok, ` +
    `${directLargest?.failuresByCode["53300"] ?? 0} x 53300, peak ${directLargest?.peakBackends}`;
  const figures: ConnectionStormFigures = {
    maxConnections,
    poolSize,
    writePath: label,
    shards,
    poolerAuth,
    rounds,
  };
  return { name: "storm", summary, targetMet, figures };
}

export const connectionStormBenchmark: Benchmark = {
  name: "storm",
  description: "N concurrent Lambda-style clients, direct vs PgBouncer (transaction mode), N = 100/1000/2000",
  // STORM_POOLER_AUTH=scram repeats the storm with full SCRAM logins to the pooler (see poolerAuth).
  run: (options) =>
    connectionStorm({
      ...options,
      ...(process.env.STORM_POOLER_AUTH === "scram" ? { poolerAuth: "scram" } : {}),
    }),
};

/** The stored SCRAM verifier of a role (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`). */
async function scramVerifier(adminUrl: string, role: string): Promise<string> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<
      { secret: string }[]
    >`select rolpassword as secret from pg_authid where rolname = ${role}`;
    if (!row?.secret.startsWith("SCRAM-SHA-256$")) throw new Error(`role ${role} has no SCRAM verifier`);
    return row.secret;
  } finally {
    await sql.end();
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
