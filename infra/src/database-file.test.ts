import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// infra/database.ts runs only under `sst deploy`; the type check covers its shapes, these read it as text
// for the two ordering and auth rules AWS enforces at deploy time.
const source = readFileSync(resolve(import.meta.dirname, "../database.ts"), "utf8");

describe("infra/database.ts", () => {
  it("leaves IAM database authentication off on the cluster (clients use IAM only to the proxy)", () => {
    expect(source).toMatch(/args\.iamDatabaseAuthenticationEnabled = false;/);
    expect(source).not.toMatch(/iamDatabaseAuthenticationEnabled = true/);
  });

  it("creates the read-only proxy endpoint after the Aurora component (proxy target and reader)", () => {
    const endpoint = /new aws\.rds\.ProxyEndpoint\(([\s\S]*?)\n {4,}\)/.exec(source)?.[1] ?? "";
    expect(endpoint).toMatch(/targetRole: "READ_ONLY"/);
    expect(endpoint).toMatch(/\{ dependsOn: \[database\] \}/);
  });

  it("exports no database URL: functions get their own role's through databaseEnv, never the superuser's", () => {
    expect(source).not.toMatch(/export const \w*Url\b/);
  });

  it("creates the read-only endpoint only on stages whose profile keeps a reader", () => {
    expect(source).toMatch(
      /proxy && reportingReadEndpoint\(profile\) === "read-only"\s*\? new aws\.rds\.ProxyEndpoint\(/,
    );
    expect(source).toMatch(/readerHost: readOnlyEndpoint \? readOnlyEndpoint\.endpoint : proxy\.endpoint/);
  });
});
