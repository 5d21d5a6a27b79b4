import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratorConfigFromEnv } from "./migrator-lambda";
import { rdsCaBundle } from "./rds-ca-bundle";

/**
 * A chain shaped like RDS's: a root CA, an intermediate CA it signed, and a server certificate the
 * intermediate issued for `localhost`. The server presents only its own certificate, as an RDS instance
 * does; the client's bundle holds the root and the intermediate, as AWS's RDS bundle does.
 */
interface Chain {
  root: string;
  intermediate: string;
  server: { cert: string; key: string };
}

function rdsLikeChain(): Chain {
  const dir = mkdtempSync(join(tmpdir(), "orders-rds-chain-"));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  const sign = (csr: string, ca: string, ext: string, out: string) =>
    openssl(
      ["x509", "-req", "-in", file(csr), "-CA", file(`${ca}.pem`), "-CAkey", file(`${ca}.key`)].concat([
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        file(ext),
        "-out",
        file(out),
      ]),
    );
  try {
    writeFileSync(
      file("ca.ext"),
      "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
    );
    writeFileSync(file("server.ext"), "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost\n");
    openssl(
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test Root CA"]
        .concat([
          "-addext",
          "basicConstraints=critical,CA:TRUE",
          "-addext",
          "keyUsage=critical,keyCertSign,cRLSign",
        ])
        .concat(["-keyout", file("root.key"), "-out", file("root.pem")]),
    );
    for (const [name, subject] of [
      ["intermediate", "/CN=Test Regional CA"],
      ["server", "/CN=localhost"],
    ]) {
      openssl(
        ["req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", subject as string].concat([
          "-keyout",
          file(`${name}.key`),
          "-out",
          file(`${name}.csr`),
        ]),
      );
    }
    sign("intermediate.csr", "root", "ca.ext", "intermediate.pem");
    sign("server.csr", "intermediate", "server.ext", "server.pem");
    const read = (name: string) => readFileSync(file(name), "utf8");
    return {
      root: read("root.pem"),
      intermediate: read("intermediate.pem"),
      server: { cert: read("server.pem"), key: read("server.key") },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
  const config = ca ? migratorConfigFromEnv(env, ca) : migratorConfigFromEnv(env);
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
