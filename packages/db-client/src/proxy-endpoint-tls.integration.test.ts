import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server, connect as tlsConnect } from "node:tls";
import { type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, verifiedTls } from "./create-db";
import { classifyDbError } from "./errors";
import { proxyDefaultDomain } from "./proxy-endpoint-identity";

// Host names shaped like RDS Proxy's: the default endpoint and a custom (read-only) endpoint of one proxy.
const proxyDomain = "proxy-abc123.us-east-1.rds.amazonaws.com";
const defaultEndpoint = `orders.${proxyDomain}`;
const readOnlyEndpoint = `reporting-ro.endpoint.${proxyDomain}`;

interface Issued {
  cert: string;
  key: string;
}

/**
 * A test certificate authority and leaf certificates it issues for the given DNS names, made with openssl;
 * `untrusted` issues from a second authority the client does not trust.
 */
function authorities() {
  const dir = mkdtempSync(join(tmpdir(), "orders-proxy-tls-"));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const makeCa = (name: string) =>
    openssl(
      ["req", "-x509", ...ecKey, "-days", "2", "-subj", `/CN=${name}`]
        .concat(["-addext", "basicConstraints=critical,CA:TRUE"])
        .concat(["-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        .concat(["-keyout", file(`${name}.key`), "-out", file(`${name}.pem`)]),
    );
  makeCa("trusted");
  makeCa("untrusted");
  let serial = 0;
  const issue = (ca: "trusted" | "untrusted", dnsNames: string[]): Issued => {
    serial += 1;
    const leaf = `leaf-${serial}`;
    writeFileSync(
      file(`${leaf}.ext`),
      `basicConstraints=CA:FALSE\nsubjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(",")}\n`,
    );
    openssl(
      ["req", "-new", ...ecKey, "-subj", `/CN=${dnsNames[0]}`, "-keyout", file(`${leaf}.key`)].concat([
        "-out",
        file(`${leaf}.csr`),
      ]),
    );
    openssl(
      ["x509", "-req", "-in", file(`${leaf}.csr`), "-CA", file(`${ca}.pem`), "-CAkey", file(`${ca}.key`)]
        .concat(["-set_serial", String(serial), "-days", "2", "-extfile", file(`${leaf}.ext`)])
        .concat(["-out", file(`${leaf}.pem`)]),
    );
    return {
      cert: readFileSync(file(`${leaf}.pem`), "utf8"),
      key: readFileSync(file(`${leaf}.key`), "utf8"),
    };
  };
  return {
    ca: readFileSync(file("trusted.pem"), "utf8"),
    issue,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

let pki: ReturnType<typeof authorities>;
const servers: Server[] = [];

beforeAll(() => {
  pki = authorities();
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  pki?.dispose();
});

/** A TLS server on loopback presenting `issued`; resolves to its port. */
async function tlsServer(issued: Issued): Promise<number> {
  const server = createServer({ cert: issued.cert, key: issued.key }, (socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** A handshake to `host` with the services' TLS settings, the name resolved to loopback without DNS. */
async function handshake(host: string, port: number): Promise<"verified" | Error> {
  const socket = await loopback(port);
  return new Promise((resolve) => {
    const tls = tlsConnect({ ...verifiedTls(host, pki.ca), socket });
    tls.once("secureConnect", () => {
      tls.destroy();
      resolve("verified");
    });
    tls.once("error", (error) => {
      tls.destroy();
      resolve(error);
    });
  });
}

function loopback(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("which host names count as a proxy's custom endpoint", () => {
  it("takes the proxy's domain from a custom endpoint's name only", () => {
    expect(proxyDefaultDomain(readOnlyEndpoint)).toBe(proxyDomain);
    expect(proxyDefaultDomain(readOnlyEndpoint.toUpperCase())).toBe(proxyDomain);
    expect(proxyDefaultDomain("ro.endpoint.proxy-abc123.cn-north-1.rds.amazonaws.com.cn")).toBe(
      "proxy-abc123.cn-north-1.rds.amazonaws.com.cn",
    );
    for (const other of [
      defaultEndpoint,
      "orders.cluster-ro-abc123.us-east-1.rds.amazonaws.com",
      `a.b.endpoint.${proxyDomain}`,
      `reporting-ro.endpoint.${proxyDomain}.attacker.example`,
      "reporting-ro.endpoint.proxy-abc123.us-east-1.rds.amazonaws.com.example",
    ]) {
      expect(proxyDefaultDomain(other), other).toBeUndefined();
    }
  });
});

describe("TLS to a custom proxy endpoint, on a real handshake", () => {
  it("accepts the proxy's default wildcard certificate (VERIFY_IDENTITY on the default endpoint only)", async () => {
    const port = await tlsServer(pki.issue("trusted", [`*.${proxyDomain}`]));
    expect(await handshake(readOnlyEndpoint, port)).toBe("verified");
    // The default endpoint passes by the ordinary rules.
    expect(await handshake(defaultEndpoint, port)).toBe("verified");
  });

  it("accepts a certificate that covers the custom endpoint's own name (the wildcard covers subdomains)", async () => {
    const port = await tlsServer(pki.issue("trusted", [`*.${proxyDomain}`, `*.endpoint.${proxyDomain}`]));
    expect(await handshake(readOnlyEndpoint, port)).toBe("verified");
  });

  it("refuses another proxy's wildcard, another region's, a broader wildcard and another domain", async () => {
    for (const names of [
      ["*.proxy-zzz999.us-east-1.rds.amazonaws.com"],
      ["*.proxy-abc123.eu-west-1.rds.amazonaws.com"],
      ["*.us-east-1.rds.amazonaws.com", "*.rds.amazonaws.com"],
      ["*.example.com", "reporting-ro.example.com"],
    ]) {
      const port = await tlsServer(pki.issue("trusted", names));
      const result = await handshake(readOnlyEndpoint, port);
      expect(result, names.join(",")).toBeInstanceOf(Error);
      expect((result as NodeJS.ErrnoException).code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    }
  });

  it("widens nothing for a host that is not a custom endpoint", async () => {
    // The proxy's wildcard does not vouch for a cluster endpoint or a deeper name under the proxy domain.
    const port = await tlsServer(pki.issue("trusted", [`*.${proxyDomain}`]));
    for (const host of ["orders.cluster-abc123.us-east-1.rds.amazonaws.com", `a.b.endpoint.${proxyDomain}`]) {
      const result = await handshake(host, port);
      expect((result as NodeJS.ErrnoException).code, host).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    }
  });

  it("still verifies the chain: the right wildcard from an untrusted authority is refused", async () => {
    const port = await tlsServer(pki.issue("untrusted", [`*.${proxyDomain}`]));
    const result = await handshake(readOnlyEndpoint, port);
    expect(result).toBeInstanceOf(Error);
    expect(String((result as Error).message)).toMatch(/unable to (verify|get local issuer)/i);
  });
});

describe("createDb's IAM path to a custom proxy endpoint", () => {
  let server: PostgresServer;
  const password = "reporting-password-for-proxy-tls-test";

  beforeAll(async () => {
    server = await startEmbeddedPostgres({ tls: pki.issue("trusted", [`*.${proxyDomain}`]) });
    const admin = postgres(server.url(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role proxy_tls_reader login password '${password}'`);
    await admin.end();
  });

  afterAll(async () => {
    await server?.stop();
  });

  function reader(host: string, ca: string) {
    return createDb(
      {
        kind: "iam",
        host,
        port: server.port,
        database: "postgres",
        user: "proxy_tls_reader",
        region: "us-east-1",
      },
      { ca },
      { password: async () => password, socket: () => loopback(server.port) },
    );
  }

  it("reads over verified TLS from a server presenting the proxy's wildcard to the read-only endpoint's name", async () => {
    const client = reader(readOnlyEndpoint, pki.ca);
    try {
      const [row] = await client.sql<
        { ssl: boolean }[]
      >`select ssl from pg_stat_ssl where pid = pg_backend_pid()`;
      expect(row?.ssl).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("refuses the same server under another proxy's endpoint name, as a permanent error", async () => {
    const client = reader("reporting-ro.endpoint.proxy-zzz999.us-east-1.rds.amazonaws.com", pki.ca);
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
