import { dropDatabase } from "@orders/local-postgres";
import type { ProxyChain } from "@orders/proxy-check";
import {
  type ProvisionDatabaseOptions,
  type ProvisionedDatabase,
  provisionDatabase,
  type ServiceChainOptions,
} from "./provision-database";

/**
 * A PostgreSQL server this process may stop: what `startEmbeddedPostgres` (a superuser `url()`) and
 * `usePostgres` (an `adminUrl`; `stop` does nothing for a `DATABASE_URL` server) return.
 */
export type ServerLike = { stop(): Promise<void> } & (
  | { adminUrl: string }
  | { url(database?: string): string }
);

/** What to provision on the server; its URL comes from the server. */
export type ServerDatabaseOptions = Omit<ProvisionDatabaseOptions, "serverUrl"> & {
  /**
   * Drop the database on `stop`, after the chain and before the server (default false): a `DATABASE_URL`
   * server outlives the run. A failed drop is ignored: a database left behind is litter, not a failed run.
   */
  dropOnStop?: boolean;
};

export type StartedDatabase<S extends ServerLike> = Omit<ProvisionedDatabase, "stop"> & {
  /** The server the database lives on, started by this call. */
  server: S;
  /** Stops the chain, drops the database when `dropOnStop` says so, then stops the server. */
  stop(): Promise<void>;
};

/**
 * Starts a PostgreSQL server and provisions the database on it (see `provisionDatabase`), as one thing with
 * one `stop`: when provisioning fails the server is stopped before the error is thrown, and `stop` takes the
 * chain down before the server it forwards to. `options` may be a function of the started server, for a step
 * that needs it before provisioning (under the same guard: a failure there stops the server too).
 *
 * @example
 * const database = await startProvisionedDatabase(() => usePostgres(), { chain: { pooler: "required" } });
 * try { ... } finally { await database.stop(); }
 */
export async function startProvisionedDatabase<S extends ServerLike, O extends ServerDatabaseOptions>(
  startServer: () => Promise<S>,
  options: O | ((server: S) => O | Promise<O>),
): Promise<
  StartedDatabase<S> & (O extends { chain: ServiceChainOptions } ? { chain: ProxyChain } : unknown)
> {
  const server = await startServer();
  let database: ProvisionedDatabase;
  let dropOnStop: boolean;
  try {
    const given = typeof options === "function" ? await options(server) : options;
    const { dropOnStop: drop = false, ...provision } = given;
    dropOnStop = drop;
    database = await provisionDatabase({ ...provision, serverUrl: serverUrlOf(server) });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const started: StartedDatabase<S> = {
    ...database,
    server,
    stop: async () => {
      try {
        await database.stop();
        if (dropOnStop) await dropDatabase(serverUrlOf(server), database.name).catch(() => {});
      } finally {
        await server.stop();
      }
    },
  };
  return started as StartedDatabase<S> &
    (O extends { chain: ServiceChainOptions } ? { chain: ProxyChain } : unknown);
}

function serverUrlOf(server: ServerLike): string {
  return "adminUrl" in server ? server.adminUrl : server.url();
}
