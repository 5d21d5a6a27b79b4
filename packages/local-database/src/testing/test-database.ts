import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { createDatabase, dropDatabase, uniqueDatabaseName, withDatabase } from "@orders/local-postgres";
import { clientLabelParameter } from "@orders/proxy-check";
import { type ServiceName, serviceRoles } from "@orders/settings";
import { expect, inject } from "vitest";
import "./provided-context";

export interface TestDatabase {
  name: string;
  /** Owner (superuser) URL of this database: for arranging data and asserting on it. */
  adminUrl: string;
  /**
   * URL that logs in as a service's own role, with only that role's grants, through the same chain as in AWS
   * (the pinning check, then a transaction-mode pooler); the session is labelled with the test file.
   */
  serviceUrl(service: ServiceName): string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file (a copy of the run's template). */
export async function createTestDatabase(prefix = "test"): Promise<TestDatabase> {
  const serverUrl = inject("postgresAdminUrl");
  const passwords = inject("serviceRolePasswords");
  const name = uniqueDatabaseName(prefix);
  const testPath = expect.getState().testPath;
  const testFile = testPath ? workspacePath(testPath) : undefined;
  const adminUrl = await createDatabase(serverUrl, name, inject("postgresTemplate"));
  return {
    name,
    adminUrl,
    serviceUrl: (service) => {
      const url = new URL(withDatabase(serverUrl, name));
      url.hostname = "127.0.0.1";
      url.port = String(inject("serviceChainPort"));
      url.username = serviceRoles[service];
      url.password = passwords[service];
      if (testFile) url.searchParams.set(clientLabelParameter, testFile);
      return url.toString();
    },
    drop: () => dropDatabase(serverUrl, name),
  };
}

/** A file's path from the workspace root (the folder with nx.json), so a report names the project too. */
function workspacePath(file: string): string {
  let dir = dirname(file);
  while (dir !== dirname(dir) && !existsSync(join(dir, "nx.json"))) dir = dirname(dir);
  return relative(dir, file);
}
