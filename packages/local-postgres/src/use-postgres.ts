import { type StartPostgresOptions, startEmbeddedPostgres } from "./embedded-server";

export interface PostgresTarget {
  /** Superuser (or owner) URL of the server's maintenance database. */
  adminUrl: string;
  host: string;
  port: number;
  /** True when this process started the server (and so may restart or stop it). */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The embedded default, or an existing server: `DATABASE_URL` (a superuser URL) when set, so a team can point
 * tests and the local stack at a PostgreSQL they already run.
 */
export async function usePostgres(options: StartPostgresOptions = {}): Promise<PostgresTarget> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const url = new URL(external);
    return {
      adminUrl: external,
      host: url.hostname,
      port: Number(url.port || 5432),
      embedded: false,
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres(options);
  return { adminUrl: server.url(), host: server.host, port: server.port, embedded: true, stop: server.stop };
}
