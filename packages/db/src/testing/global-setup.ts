import { randomBytes } from "node:crypto";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  usePostgres,
  withDatabase,
} from "@orders/local-postgres";
import { startProxyChain } from "@orders/proxy-check";
import { type ServiceName, serviceRoles } from "@orders/settings";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { runMigrations } from "../migrate";
import { setServiceRolePassword } from "../roles";
import "./provided-context";

/**
 * Vitest global setup: one real PostgreSQL per test run (embedded, or `DATABASE_URL`), one migrated template
 * database, and passwords for the service roles. Each test file then copies the template in milliseconds.
 *
 * Service roles connect the way they do in AWS: through the pinning check (where RDS Proxy sits) and a
 * transaction-mode PgBouncer. The run fails at the end when any session would have pinned at the proxy,
 * naming the statement and the test file; migrations and the owner URL go straight to PostgreSQL.
 */
export default async function setup(project: TestProject) {
  const server = await usePostgres();
  const template = uniqueDatabaseName("template");
  const templateUrl = await createDatabase(server.adminUrl, template);
  await runMigrations({ url: templateUrl });

  const passwords = Object.fromEntries(
    Object.keys(serviceRoles).map((service) => [service, randomBytes(12).toString("hex")]),
  ) as Record<ServiceName, string>;
  const sql = postgres(withDatabase(server.adminUrl, template), { max: 1, onnotice: () => {} });
  try {
    for (const [service, password] of Object.entries(passwords)) {
      await setServiceRolePassword(sql, service as ServiceName, password);
    }
  } finally {
    await sql.end();
  }

  const chain = await startProxyChain({
    postgresUrl: server.adminUrl,
    users: Object.entries(passwords).map(([service, password]) => ({
      user: serviceRoles[service as ServiceName],
      password,
    })),
  });

  project.provide("postgresAdminUrl", server.adminUrl);
  project.provide("serviceChainPort", chain.relay.port);
  project.provide("postgresTemplate", template);
  project.provide("serviceRolePasswords", passwords);

  return async () => {
    const pinned = chain.pinnedSessions().length;
    const report = chain.report();
    await chain.stop();
    await dropDatabase(server.adminUrl, template).catch(() => {});
    await server.stop();
    if (pinned > 0) throw new Error(`RDS Proxy would pin: ${report}`);
  };
}
