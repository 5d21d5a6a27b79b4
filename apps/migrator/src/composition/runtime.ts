import type { Logger } from "@aws-lambda-powertools/logger";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { readConfig } from "../adapters/config";
import { postgresMigrationDatabase } from "../adapters/database";
import { createLogger } from "../adapters/logger";
import { secretsManagerStore } from "../adapters/secrets-manager";
import { type MigrationResult, migrateDatabase } from "../domain/migrate-database";
import type { MigrationDatabase, SecretStore } from "../domain/ports";

export interface MigratorRuntime {
  logger: Logger;
  /** One migrator run: secrets checked, migrations applied, role passwords set, demo catalogue if asked. */
  migrate(): Promise<MigrationResult>;
}

/** What a test replaces: the secret store (Secrets Manager in AWS), the CA bundle, the database, the logger. */
export interface RuntimeOverrides {
  secrets?: SecretStore;
  /** Certificate authorities the cluster's certificate must chain to (the RDS bundle in AWS). */
  ca?: readonly string[];
  database?: MigrationDatabase;
  logger?: Logger;
}

/**
 * The migrator's composition root: reads the configuration from `environment` (throwing, with the setting's
 * name, when it is incomplete) and builds the adapters. Nothing is built at import time; the Lambda entry
 * calls this once per container.
 */
export function createRuntime(
  environment: Record<string, string | undefined>,
  overrides: RuntimeOverrides = {},
): MigratorRuntime {
  const config = readConfig(environment, overrides.ca);
  const secrets = overrides.secrets ?? secretsManagerStore(() => new SecretsManagerClient({}));
  const database = overrides.database ?? postgresMigrationDatabase(config);
  const logger = overrides.logger ?? createLogger(environment);
  const plan = {
    masterSecretId: config.masterSecretId,
    serviceSecretIds: config.serviceSecretIds,
    seedDemoCatalogue: config.seedDemoCatalogue,
  };
  return { logger, migrate: () => migrateDatabase(plan, { secrets, database }) };
}
