import { defaultMigrationsFolder } from "@orders/db/provisioning";
import { type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import { serviceRoles } from "@orders/settings";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { rdsLikeChain } from "../testing/rds-like-chain";
import {
  type SecretsManagerEndpoint,
  startSecretsManagerEndpoint,
} from "../testing/secrets-manager-endpoint";

// The entry as Lambda loads it: configuration from the environment at init, Secrets Manager through the AWS
// SDK (pointed at a local endpoint with AWS_ENDPOINT_URL_SECRETS_MANAGER), the RDS authorities as the only
// trusted ones. A local server's certificate cannot chain to those, so the run ends at the TLS check; the
// runtime's tests cover a whole run with the test chain trusted.
let server: PostgresServer;
let endpoint: SecretsManagerEndpoint;

const serviceSecretIds = Object.fromEntries(Object.keys(serviceRoles).map((s) => [s, `sec-${s}`]));

beforeAll(async () => {
  server = await startEmbeddedPostgres({ tls: rdsLikeChain().server });
  endpoint = await startSecretsManagerEndpoint();
}, 60_000);

afterAll(async () => {
  await endpoint?.close();
  await server?.stop();
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

/** Collects the JSON lines Powertools writes (through a Console on stdout and stderr). */
function captureLogLines(): () => Record<string, unknown>[] {
  const written: string[] = [];
  const collect = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(collect);
  vi.spyOn(process.stderr, "write").mockImplementation(collect);
  return () =>
    written
      .join("")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the migrator's Lambda entry", () => {
  it("fails its init, naming every missing setting, when infra set none", async () => {
    for (const name of [
      "DB_HOST",
      "DB_NAME",
      "MASTER_SECRET_ARN",
      "SERVICE_SECRET_ARNS",
      "MIGRATIONS_FOLDER",
    ]) {
      vi.stubEnv(name, undefined);
    }
    await expect(import("./lambda")).rejects.toThrow(
      "migrator not configured: missing DB_HOST, DB_NAME, MASTER_SECRET_ARN, SERVICE_SECRET_ARNS, MIGRATIONS_FOLDER",
    );
  });

  it("reads every secret from Secrets Manager, then fails the run on an untrusted cluster certificate, logging why", async () => {
    const environment = {
      DB_HOST: "localhost",
      DB_PORT: String(server.port),
      DB_NAME: "postgres",
      MASTER_SECRET_ARN: "sec-master",
      SERVICE_SECRET_ARNS: JSON.stringify(serviceSecretIds),
      MIGRATIONS_FOLDER: defaultMigrationsFolder,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint.url,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      POWERTOOLS_SERVICE_NAME: "migrator",
      POWERTOOLS_LOG_LEVEL: "INFO",
    };
    for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
    endpoint.secrets.set("sec-master", {
      SecretString: JSON.stringify({ username: server.user, password: server.password }),
    });
    for (const [service, role] of Object.entries(serviceRoles)) {
      endpoint.secrets.set(`sec-${service}`, {
        SecretString: JSON.stringify({ username: role, password: `${service}-pass` }),
      });
    }
    const lines = captureLogLines();

    const { handler } = await import("./lambda");
    await expect(handler({ migrations: "fingerprint" })).rejects.toMatchObject({
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    expect(endpoint.requests.map((r) => r.secretId).sort()).toEqual(
      ["sec-master", ...Object.values(serviceSecretIds)].sort(),
    );
    expect(endpoint.requests.every((r) => r.signed)).toBe(true);
    expect(lines()).toContainEqual(
      expect.objectContaining({ level: "ERROR", message: "migration failed", service: "migrator" }),
    );
  });
});
