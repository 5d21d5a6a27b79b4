import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A chain shaped like RDS's: a root CA, an intermediate CA it signed, and a server certificate the
 * intermediate issued for `localhost`. The server presents only its own certificate, as an RDS instance
 * does; the client's bundle holds the root and the intermediate, as AWS's RDS bundle does.
 */
export interface Chain {
  root: string;
  intermediate: string;
  server: { cert: string; key: string };
}

export function rdsLikeChain(): Chain {
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
