import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "./create-db";
import { classifyDbError } from "./errors";

let server: PostgresServer;
let ca: string;
const appPassword = "app-password-for-tls-test";

/** A self-signed certificate for `localhost`, as a private CA would issue (the proxy's is public). */
function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), "orders-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
      key: readFileSync(join(dir, "key.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  const tls = selfSignedCertificate();
  ca = tls.cert;
  server = await startEmbeddedPostgres({ tls });
  const admin = postgres(server.url(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create role tls_app login password '${appPassword}'`);
  await admin.end();
});

afterAll(async () => {
  await server?.stop();
});

/** The IAM code path of createDb, with the token replaced by a real password this local server accepts. */
function iamClient(host: string, trusted?: string) {
  return createDb(
    { kind: "iam", host, port: server.port, database: "postgres", user: "tls_app", region: "eu-west-1" },
    trusted ? { ca: trusted } : {},
    { password: async () => appPassword },
  );
}

describe("the IAM connection path", () => {
  it("connects over TLS when the certificate is trusted and issued for the host", async () => {
    const client = iamClient("localhost", ca);
    try {
      const [row] = await client.sql<
        { ssl: boolean }[]
      >`select ssl from pg_stat_ssl where pid = pg_backend_pid()`;
      expect(row?.ssl).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("refuses a certificate it cannot verify", async () => {
    const client = iamClient("localhost");
    try {
      const error = await client.sql`select 1`.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String((error as Error)?.message)).toMatch(/self[- ]signed|unable to verify/i);
    } finally {
      await client.close();
    }
  });

  it("refuses a certificate issued for another host", async () => {
    const client = iamClient("127.0.0.1", ca);
    try {
      const error = await client.sql`select 1`.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as { code?: string })?.code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
      expect(classifyDbError(error).retryable).toBe(false);
    } finally {
      await client.close();
    }
  });
});
