import { join } from "node:path";
import { cloudDatabase } from "./database";
import { functionSpecs, migrationsBundlePath, migrationsCopyFile, seconds } from "./src/functions";
import { migratorPermissions } from "./src/iam-policies";
import { migrationsFingerprint } from "./src/migrations-fingerprint";
import { profile } from "./stage";
import { commonFunctionArgs } from "./wiring";

const spec = functionSpecs.migrator;

/** Hash of the schema package's migrations: a new or changed migration re-runs the invocation below. */
const fingerprint = migrationsFingerprint(join($cli.paths.root, migrationsCopyFile.from));

/**
 * Deploy-time migrator (apps/migrator): applies pending migrations as the master user, directly on the
 * cluster (an advisory lock and DDL through the proxy would pin the session), then sets each service role's
 * password from its secret so the proxy can log in as it. TLS to the cluster is verified against the RDS
 * certificate authorities bundled with its code (apps/migrator/src/adapters/rds-ca-bundle.ts). Not created
 * under `sst dev`, where the local stack migrates the local database.
 */
export const migrator = cloudDatabase
  ? new sst.aws.Function("Migrator", {
      ...commonFunctionArgs,
      handler: spec.handler,
      memory: spec.memory,
      timeout: seconds(spec.timeoutSeconds),
      copyFiles: [migrationsCopyFile],
      environment: {
        DB_HOST: cloudDatabase.clusterEndpoint,
        DB_PORT: String(cloudDatabase.port),
        DB_NAME: cloudDatabase.database,
        MASTER_SECRET_ARN: cloudDatabase.masterSecretArn,
        SERVICE_SECRET_ARNS: $jsonStringify(cloudDatabase.serviceSecretArns),
        MIGRATIONS_FOLDER: migrationsBundlePath,
        SEED_DEMO_CATALOGUE: String(profile.seedDemoCatalogue),
        POWERTOOLS_SERVICE_NAME: spec.serviceName,
      },
      permissions: $resolve({
        masterSecretArn: cloudDatabase.masterSecretArn,
        serviceSecretArns: cloudDatabase.serviceSecretArns,
      }).apply(migratorPermissions),
    })
  : undefined;

/**
 * Runs the migrator during `sst deploy`. Its triggers are the migrations' hash and the secrets' versions,
 * so it re-runs exactly when a migration or a service password changed; a failed run fails the deploy.
 */
export const migration =
  cloudDatabase && migrator
    ? new aws.lambda.Invocation(
        "MigratorRun",
        {
          functionName: migrator.name,
          input: JSON.stringify({ migrations: fingerprint }),
          triggers: {
            migrations: fingerprint,
            api: cloudDatabase.serviceSecrets.api.version.versionId,
            worker: cloudDatabase.serviceSecrets.worker.version.versionId,
            reporting: cloudDatabase.serviceSecrets.reporting.version.versionId,
            reportingHttp: cloudDatabase.serviceSecrets.reportingHttp.version.versionId,
          },
        },
        {
          dependsOn: [
            ...(cloudDatabase.instance ? [cloudDatabase.instance] : []),
            cloudDatabase.serviceSecrets.api.version,
            cloudDatabase.serviceSecrets.worker.version,
            cloudDatabase.serviceSecrets.reporting.version,
            cloudDatabase.serviceSecrets.reportingHttp.version,
          ],
        },
      )
    : undefined;
