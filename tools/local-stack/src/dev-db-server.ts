import { rm } from "node:fs/promises";
import { runMigrations, seedDemoCatalogue, setServiceRolePassword } from "@orders/db";
import { startEmbeddedPostgres, withDatabase } from "@orders/local-postgres";
import { databaseName, localDevDatabase, type ServiceName, serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { prepareDevDbDataDir } from "./dev-db-data-dir";
import type { DevDbOptions } from "./dev-db-options";
import { devDbSuperuserPassword, type SuperuserPassword } from "./dev-db-password";
import { ensureDatabase } from "./local-database";
import { type PoolerChain, startPoolerChain } from "./pooler-chain";

export interface DevDatabase {
  /** Superuser URL of the application database, straight to PostgreSQL: migrations and psql only. */
  superuserUrl: string;
  /** The file that keeps the superuser's generated password (mode 0600), where `sst dev` reads it. */
  passwordFile: string;
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
 * the superuser's password generated per data folder, migrated on every start (migrations only add), the
 * demo catalogue loaded once, each service role's fixed local password set, and the chain in front of it for
 * the services. Stops what it started if a step fails.
 */
export async function startDevDatabase(
  options: DevDbOptions,
  log: (line: string) => void = () => {},
): Promise<DevDatabase> {
  const { clusterDir, passwordFile } = await prepareDevDbDataDir(options.dataDir, { reset: options.reset });
  const superuser = await devDbSuperuserPassword({ clusterDir, passwordFile });
  const serverLog: string[] = [];
  const server = await startEmbeddedPostgres({
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
  let chain: PoolerChain | undefined;
  try {
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
    const superuserUrl = withDatabase(server.url(), databaseName);
    await ensureDatabase(server.url(), databaseName);
    await runMigrations({ url: superuserUrl });
    const seeded = await setPasswordsAndSeedOnce(superuserUrl);
    log(seeded ? "migrated; demo catalogue loaded" : "migrated; kept the data of the previous run");
    chain = await startPoolerChain({
      postgresUrl: server.url(),
      port: options.chainPort,
      database: databaseName,
      passwords: localDevDatabase.servicePasswords,
    });
    const started = chain;
    return {
      superuserUrl,
      passwordFile,
      chain: started,
      clusterDir,
      seeded,
      stop: async () => {
        await started.stop();
        await server.stop();
      },
    };
  } catch (error) {
    await chain?.stop();
    await server.stop();
    throw error;
  }
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

/**
 * Sets each service role's fixed local password (every start: a reset or an older run may have left
 * another) and loads the demo catalogue into a database that has no products yet, so the stock a developer
 * changed survives a restart. True when it loaded the catalogue.
 */
async function setPasswordsAndSeedOnce(superuserUrl: string): Promise<boolean> {
  const sql = postgres(superuserUrl, { max: 1, onnotice: () => {} });
  try {
    for (const service of Object.keys(serviceRoles) as ServiceName[]) {
      await setServiceRolePassword(sql, service, localDevDatabase.servicePasswords[service]);
    }
    const [products] = await sql<{ any: boolean }[]>`select exists (select 1 from products) as any`;
    if (products?.any) return false;
    await seedDemoCatalogue(sql);
    return true;
  } finally {
    await sql.end();
  }
}
