import type { ServiceName } from "@orders/settings";

/** A database login as its secret holds it: `{username, password}`, the shape RDS Proxy reads too. */
export interface Credentials {
  username: string;
  password: string;
}

/** Port: the string value of a secret, read afresh on every call (a rotated password must be seen). */
export interface SecretStore {
  read(secretId: string): Promise<string>;
}

/** Port: one session on the cluster as the master user, for one migrator run. */
export interface MigrationSession {
  /** Migrations recorded in the database (0 before the first run). */
  appliedMigrations(): Promise<number>;
  /** Applies the schema's pending migrations; several migrators at once are serialised by the adapter. */
  applyPendingMigrations(): Promise<void>;
  setServiceRolePassword(service: ServiceName, password: string): Promise<void>;
  /** Writes the demo catalogue; returns the number of products written. */
  seedDemoCatalogue(): Promise<number>;
  close(): Promise<void>;
}

/** Port: opens a {@link MigrationSession} with the master user's credentials. */
export interface MigrationDatabase {
  open(master: Credentials): Promise<MigrationSession>;
}
