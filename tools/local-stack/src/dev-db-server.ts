import { rm } from "node:fs/promises";
import { startProvisionedDatabase } from "@orders/local-database";
import { startEmbeddedPostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { prepareDevDbDataDir } from "./dev-db-data-dir";
import type { DevDbOptions } from "./dev-db-options";
import { devDbServicePasswords, devDbSuperuserPassword, type SuperuserPassword } from "./dev-db-password";
import { type PoolerChain, poolerChainOf } from "./pooler-chain";

export interface DevDatabase {
  /** Superuser URL of the application database, straight to PostgreSQL: migrations and psql only. */
  superuserUrl: string;
  /** The file that keeps the superuser's generated password (mode 0600), where `sst dev` reads it. */
  passwordFile: string;
  /** The file that keeps the service roles' generated passwords (mode 0600), where `sst dev` reads them. */
  servicePasswordsFile: string;
  chain: PoolerChain;
  /** The cluster's folder, kept between runs. */
  clusterDir: string;
  /** Whether this start loaded the demo catalogue (only into a database without products). */
  seeded: boolean;
  /** Stops the chain, then PostgreSQL (a clean shutdown: the data stays). */
  stop(): Promise<void>;
}

/**
 * The local database `sst dev` connects to: PostgreSQL 17 on its fixed port with its data kept in a folder,
 * the superuser's and the service roles' passwords generated per cluster and kept in the data folder, migrated
 * on every start (migrations only add), the demo catalogue loaded once, each service role's kept password set,
 * and the chain in front of it for the services. Stops what it started if a step fails.
 */
export async function startDevDatabase(
  options: DevDbOptions,
  log: (line: string) => void = () => {},
): Promise<DevDatabase> {
  const paths = await prepareDevDbDataDir(options.dataDir, { reset: options.reset });
  const { clusterDir, passwordFile, servicePasswordsFile } = paths;
  const superuser = await devDbSuperuserPassword(paths);
  const servicePasswords = await devDbServicePasswords(paths);
  const serverLog: string[] = [];
  const startServer = () =>
    startEmbeddedPostgres({
      port: options.postgresPort,
      dataDir: clusterDir,
      password: superuser.password,
      // Kept between runs, unlike the test servers' throw-away data: durable writes again.
      settings: { fsync: "on", synchronous_commit: "on", full_page_writes: "on" },
      onLog: (line) => {
        // Only the last lines, for a failed start's message: the server runs for days.
        serverLog.push(line);
        if (serverLog.length > 20) serverLog.shift();
      },
    }).catch((error: unknown) => {
      // The server's own last lines say why a start failed (a port in use, a data folder it cannot use).
      throw new Error(`PostgreSQL did not start: ${error ?? ""}\n${serverLog.join("")}`.trim());
    });
  const database = await startProvisionedDatabase(startServer, async (server) => {
    if (superuser.previous !== undefined) {
      await changeSuperuserPassword(server.url(), superuser).catch(async (error: Error) => {
        // Leave no file naming a password the cluster does not have: the next start tries again.
        await rm(passwordFile, { force: true });
        throw new Error(
          `could not replace the superuser's password of the kept cluster (${error.message}): ` +
            "`npm run dev:db -- --reset` starts over",
        );
      });
      log("the superuser's password of this kept cluster was the fixed one: replaced by a generated one");
    }
    return {
      create: "if-missing" as const,
      // The kept passwords, set on every start: a reset or an older run may have left others.
      passwords: servicePasswords,
      // Only into a database without products, so the stock a developer changed survives a restart.
      demoCatalogue: "if-empty" as const,
      chain: { pooler: "if-installed" as const, port: options.chainPort },
    };
  });
  // The chain alone: its `stop` leaves PostgreSQL running; the database's stops both.
  const chain = poolerChainOf({ ...database, stop: () => database.chain.stop() });
  log(database.seeded ? "migrated; demo catalogue loaded" : "migrated; kept the data of the previous run");
  return {
    superuserUrl: database.adminUrl,
    passwordFile,
    servicePasswordsFile,
    chain,
    clusterDir,
    seeded: database.seeded,
    // The chain, then PostgreSQL (a clean shutdown: the kept data stays).
    stop: () => database.stop(),
  };
}

/** Logs in with the password a kept cluster's superuser still has and sets the generated one. */
async function changeSuperuserPassword(url: string, superuser: SuperuserPassword): Promise<void> {
  const previous = new URL(url);
  previous.password = encodeURIComponent(superuser.previous ?? "");
  const sql = postgres(previous.toString(), { max: 1, onnotice: () => {} });
  try {
    // ALTER ROLE takes no parameters; the password is base64url (letters, digits, - and _), a safe literal.
    if (!/^[\w-]+$/.test(superuser.password)) throw new Error("the generated password is not base64url");
    await sql.unsafe(`alter role current_user password '${superuser.password}'`);
  } finally {
    await sql.end();
  }
}
