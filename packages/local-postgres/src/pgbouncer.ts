import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { findFreePort, isListening } from "./loopback-ports";
import { isRoot, postgresSystemUser } from "./system-user";

export interface PgBouncer {
  host: string;
  port: number;
  /** URL through the pooler for one of the configured users. */
  url(user: string, database: string): string;
  stop(): Promise<void>;
}

export interface StartPgBouncerOptions {
  upstream: { host: string; port: number };
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Users the pooler accepts, with the passwords it also uses upstream. */
  users: { user: string; password: string }[];
  /** Server connections per (database, user) pair: the pool that clients share. */
  poolSize: number;
  /** Cap on server connections per database across users (default: poolSize). */
  maxDbConnections?: number;
  /** Seconds a client may wait for a server connection before the pooler fails it (default: no limit). */
  queryWaitTimeoutSeconds?: number;
  /** Further startup parameters to accept from clients and not pass on (labels for an observer in front). */
  ignoreStartupParameters?: string[];
  /** Client connections accepted at once (default 10,000). */
  maxClientConnections?: number;
  /**
   * How clients prove their password to the pooler (default `scram-sha-256`). `plain`: the client sends the
   * password itself and the pooler compares it with its auth file, the shape of a Lambda handing RDS Proxy an
   * IAM token (over TLS there): no PBKDF2 on either side of the client leg. The pooler still logs in upstream
   * with SCRAM, once per server connection.
   */
  clientAuth?: "scram-sha-256" | "plain";
  onLog?: (line: string) => void;
}

/**
 * The PgBouncer binary: `PGBOUNCER_BIN` when set (and only there: pointing it at a missing path is how to run
 * without PgBouncer on a machine that has it), else where Debian's package puts it, else on `PATH`.
 * Only an executable regular file counts: a path that exists but cannot run (a leftover, or a program masked
 * by a bind mount) is no PgBouncer. Undefined when there is none.
 */
export function locatePgBouncerBinary(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const candidates = env.PGBOUNCER_BIN
    ? [env.PGBOUNCER_BIN]
    : ["/usr/sbin/pgbouncer", ...(env.PATH ?? "").split(delimiter).map((dir) => join(dir, "pgbouncer"))];
  return candidates.find(isExecutableFile);
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** {@link locatePgBouncerBinary}, throwing a message that says how to get PgBouncer when there is none. */
export function findPgBouncerBinary(env: Record<string, string | undefined> = process.env): string {
  const found = locatePgBouncerBinary(env);
  if (!found) {
    throw new Error(
      env.PGBOUNCER_BIN
        ? `PgBouncer is not at PGBOUNCER_BIN (${env.PGBOUNCER_BIN}).`
        : "PgBouncer is not installed. It stands in for RDS Proxy in tests: `apt-get install -y pgbouncer` " +
            "(Debian/Ubuntu) or set PGBOUNCER_BIN.",
    );
  }
  return found;
}

/**
 * Starts a real PgBouncer in transaction pooling mode: the closest local stand-in for RDS Proxy's
 * multiplexing. Anything that relies on session state (named prepared statements, session SETs) breaks
 * through it, which is exactly what tests need to catch.
 */
export async function startPgBouncer(options: StartPgBouncerOptions): Promise<PgBouncer> {
  const binary = findPgBouncerBinary();
  const port = options.port ?? (await findFreePort());
  // Checked first: on a taken port the readiness probe below would find the other server and take it for ours.
  if (options.port !== undefined && (await isListening(port))) {
    throw new Error(`port ${port} for PgBouncer is already in use`);
  }
  const dir = await mkdtemp(join(tmpdir(), "orders-pgbouncer-"));
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  await writeFile(
    join(dir, "userlist.txt"),
    options.users.map(({ user, password }) => `${quote(user)} ${quote(password)}`).join("\n"),
    { mode: 0o600 },
  );
  const config = `
[databases]
* = host=${options.upstream.host} port=${options.upstream.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = ${options.clientAuth ?? "scram-sha-256"}
auth_file = ${join(dir, "userlist.txt")}
pool_mode = transaction
default_pool_size = ${options.poolSize}
max_db_connections = ${options.maxDbConnections ?? options.poolSize}
max_client_conn = ${options.maxClientConnections ?? 10_000}
query_wait_timeout = ${options.queryWaitTimeoutSeconds ?? 0}
ignore_startup_parameters = ${["extra_float_digits", "options", ...(options.ignoreStartupParameters ?? [])].join(",")}
server_reset_query =
log_connections = 0
log_disconnections = 0
`;
  await writeFile(join(dir, "pgbouncer.ini"), config, { mode: 0o600 });

  let ids: { uid: number; gid: number } | undefined;
  if (isRoot) {
    ids = postgresSystemUser();
    if (!ids) throw new Error("PgBouncer refuses to run as root and there is no `postgres` system user");
    // The files first, the directory last: once the directory is the server user's, it could swap a file
    // for a link that a chown by path would follow.
    for (const file of ["userlist.txt", "pgbouncer.ini", ""]) await chown(join(dir, file), ids.uid, ids.gid);
  }

  const log = options.onLog ?? (() => {});
  const child: ChildProcess = spawn(binary, [join(dir, "pgbouncer.ini")], {
    ...(ids ?? {}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let exited = false;
  let output = "";
  // A spawn that fails (EACCES, ENOENT) emits `error` instead of `exit`: end the start-up with its reason.
  child.on("error", (error) => {
    output += `${error.message}\n`;
    exited = true;
  });
  const onOutput = (chunk: Buffer) => {
    output += chunk.toString();
    log(chunk.toString());
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  const exit = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );

  const deadline = Date.now() + 10_000;
  while (!(await isListening(port))) {
    if (exited) throw new Error(`PgBouncer exited during start-up:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`PgBouncer did not listen on ${port} within 10 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }

  const passwords = new Map(options.users.map(({ user, password }) => [user, password]));
  return {
    host: "127.0.0.1",
    port,
    url: (user, database) => {
      const password = passwords.get(user);
      if (password === undefined) throw new Error(`PgBouncer was not configured for user ${user}`);
      return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    },
    stop: async () => {
      // SIGTERM is PgBouncer's immediate shutdown; SIGINT would wait for clients to leave.
      if (!exited) child.kill("SIGTERM");
      await exit;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
