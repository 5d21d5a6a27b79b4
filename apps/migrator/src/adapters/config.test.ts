import { describe, expect, it } from "vitest";
import { MigratorConfigError, readConfig } from "./config";
import { rdsCaBundle } from "./rds-ca-bundle";

describe("the migrator configuration", () => {
  const env = {
    DB_HOST: "orders.cluster-abc.eu-west-1.rds.amazonaws.com",
    DB_PORT: "5432",
    DB_NAME: "orders",
    MASTER_SECRET_ARN: "arn:master",
    SERVICE_SECRET_ARNS: JSON.stringify({
      api: "arn:a",
      worker: "arn:w",
      reporting: "arn:r",
      reportingHttp: "arn:h",
    }),
    MIGRATIONS_FOLDER: "migrations",
    LAMBDA_TASK_ROOT: "/var/task",
  };

  it("reads what infra sets, with verified TLS against the cluster host", () => {
    expect(readConfig(env)).toEqual({
      host: env.DB_HOST,
      port: 5432,
      database: "orders",
      masterSecretId: "arn:master",
      serviceSecretIds: { api: "arn:a", worker: "arn:w", reporting: "arn:r", reportingHttp: "arn:h" },
      migrationsFolder: "/var/task/migrations",
      ssl: { rejectUnauthorized: true, host: env.DB_HOST, servername: env.DB_HOST, ca: [...rdsCaBundle] },
      seedDemoCatalogue: false,
    });
    expect(readConfig({ ...env, SEED_DEMO_CATALOGUE: "true" }).seedDemoCatalogue).toBe(true);
  });

  it("names what is missing or malformed", () => {
    expect(() => readConfig({ ...env, MASTER_SECRET_ARN: undefined })).toThrow(/MASTER_SECRET_ARN/);
    expect(() => readConfig({ ...env, SERVICE_SECRET_ARNS: "{" })).toThrow(MigratorConfigError);
    expect(() =>
      readConfig({ ...env, SERVICE_SECRET_ARNS: JSON.stringify({ api: "a", worker: "w" }) }),
    ).toThrow(/reporting/);
    expect(() => readConfig({ ...env, DB_PORT: "99999" })).toThrow(/DB_PORT/);
  });
});
