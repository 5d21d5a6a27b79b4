import { X509Certificate } from "node:crypto";
import { type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Chain, rdsLikeChain } from "../testing/rds-like-chain";
import { readConfig } from "./config";
import { rdsCaBundle } from "./rds-ca-bundle";

let chain: Chain;
let server: PostgresServer;
const password = "migrator-tls-test-password";

beforeAll(async () => {
  chain = rdsLikeChain();
  server = await startEmbeddedPostgres({ tls: chain.server });
  const admin = postgres(server.url(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create role tls_migrator login password '${password}'`);
  await admin.end();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** Connects with the TLS settings the migrator derives from its environment (the handler's code path). */
async function connectAsMigrator(host: string, ca?: readonly string[]): Promise<unknown> {
  const env = {
    DB_HOST: host,
    DB_PORT: String(server.port),
    DB_NAME: "postgres",
    MASTER_SECRET_ARN: "arn:master",
    SERVICE_SECRET_ARNS: JSON.stringify({ api: "a", worker: "w", reporting: "r", reportingHttp: "h" }),
    MIGRATIONS_FOLDER: "migrations",
  };
  const config = ca ? readConfig(env, ca) : readConfig(env);
  const sql = postgres({
    host: config.host,
    port: config.port,
    database: config.database,
    username: "tls_migrator",
    password,
    ssl: config.ssl,
    max: 1,
    onnotice: () => {},
  });
  try {
    const [row] = await sql<{ ssl: boolean }[]>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`;
    return row?.ssl;
  } catch (error) {
    return error;
  } finally {
    await sql.end();
  }
}

describe("the migrator's TLS to the cluster", () => {
  it("verifies a root -> intermediate -> server chain against a bundle of root and intermediate", async () => {
    expect(await connectAsMigrator("localhost", [chain.root, chain.intermediate])).toBe(true);
  });

  it("refuses the chain when the bundle lacks the intermediate (the server does not send it)", async () => {
    const error = await connectAsMigrator("localhost", [chain.root]);
    expect((error as { code?: string }).code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
  });

  it("refuses a certificate issued for another host", async () => {
    const error = await connectAsMigrator("127.0.0.1", [chain.root, chain.intermediate]);
    expect((error as { code?: string }).code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
  });

  it("trusts only the RDS authorities by default: a server outside them is refused", async () => {
    const error = await connectAsMigrator("localhost");
    expect((error as { code?: string }).code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
  });
});

describe("the shipped RDS bundle", () => {
  const certificates = rdsCaBundle.map((pem) => new X509Certificate(pem));

  it("holds the current RDS root authorities of a region (rds-ca-rsa2048-g1 and its siblings)", () => {
    const subjects = certificates.map((cert) => cert.subject);
    for (const kind of ["RSA2048", "RSA4096", "ECC384"]) {
      expect(subjects.some((s) => s.includes(`CN=Amazon RDS eu-west-1 Root CA ${kind} G1`))).toBe(true);
    }
  });

  it("holds only certificate authorities, and current ones that outlive this year", () => {
    expect(certificates.every((cert) => cert.ca)).toBe(true);
    const nextYear = Date.now() + 365 * 24 * 3600 * 1000;
    const current = certificates.filter((cert) => new Date(cert.validTo).getTime() > nextYear);
    expect(current.length).toBeGreaterThanOrEqual(3 * 20);
  });
});
