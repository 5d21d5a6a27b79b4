import { type ServiceName, type ServiceRole, serviceRoles } from "@orders/settings";
import { parseCredentials, serviceCredentials } from "./credentials";
import type { MigrationDatabase, SecretStore } from "./ports";

/** What one run is asked to do; the secret ids come from the stage's infrastructure. */
export interface MigrationPlan {
  /** Secret with the master user's `{username, password}`. */
  masterSecretId: string;
  /** Secret per service with `{username, password}`: the same one RDS Proxy logs in with. */
  serviceSecretIds: Record<ServiceName, string>;
  /** Load the demo catalogue (personal and dev stages, so a fresh stage can take orders right away). */
  seedDemoCatalogue: boolean;
}

export interface MigrationResult {
  /** Migrations this run applied (0 when the database was already current). */
  applied: number;
  /** Migrations recorded in the database after the run. */
  total: number;
  /** Roles whose password now matches their secret. */
  roles: ServiceRole[];
  /** Demo products written (0 unless seeding was asked for). */
  seeded: number;
}

/** Every service role gets its password from its secret: each one RDS Proxy logs in as. */
export const servicesWithPasswords = Object.keys(serviceRoles) as ServiceName[];

/**
 * One migrator run, in this order: read and check every secret (the master's and each service's), and only
 * then open the database; apply the pending migrations (which create the roles); set each service role's
 * password; seed when asked. A secret for the wrong user or a malformed one fails the run before anything
 * changes, so a bad secret fails the deploy instead of locking a service out. The session is closed however
 * the run ends.
 */
export async function migrateDatabase(
  plan: MigrationPlan,
  ports: { secrets: SecretStore; database: MigrationDatabase },
): Promise<MigrationResult> {
  const { secrets, database } = ports;
  const master = parseCredentials(await secrets.read(plan.masterSecretId), "master secret");
  const passwords = await Promise.all(
    servicesWithPasswords.map(async (service) => {
      const credentials = serviceCredentials(service, await secrets.read(plan.serviceSecretIds[service]));
      return [service, credentials.password] as const;
    }),
  );

  const session = await database.open(master);
  try {
    const before = await session.appliedMigrations();
    await session.applyPendingMigrations();
    for (const [service, password] of passwords) await session.setServiceRolePassword(service, password);
    const seeded = plan.seedDemoCatalogue ? await session.seedDemoCatalogue() : 0;
    const total = await session.appliedMigrations();
    return {
      applied: total - before,
      total,
      roles: passwords.map(([service]) => serviceRoles[service]),
      seeded,
    };
  } finally {
    await session.close();
  }
}
