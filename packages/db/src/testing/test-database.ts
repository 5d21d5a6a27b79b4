import { createDatabase, dropDatabase, uniqueDatabaseName, withDatabase } from "@orders/local-postgres";
import { type ServiceName, serviceRoles } from "@orders/settings";
import { inject } from "vitest";
import "./provided-context";

export interface TestDatabase {
  name: string;
  /** Owner (superuser) URL of this database: for arranging data and asserting on it. */
  adminUrl: string;
  /** URL that logs in as a service's own role, with only that role's grants. */
  serviceUrl(service: ServiceName): string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file (a copy of the run's template). */
export async function createTestDatabase(prefix = "test"): Promise<TestDatabase> {
  const serverUrl = inject("postgresAdminUrl");
  const passwords = inject("serviceRolePasswords");
  const name = uniqueDatabaseName(prefix);
  const adminUrl = await createDatabase(serverUrl, name, inject("postgresTemplate"));
  return {
    name,
    adminUrl,
    serviceUrl: (service) => {
      const url = new URL(withDatabase(serverUrl, name));
      url.username = serviceRoles[service];
      url.password = passwords[service];
      return url.toString();
    },
    drop: () => dropDatabase(serverUrl, name),
  };
}
