import { describe, expect, it } from "vitest";
import { databaseName, serviceRoles } from "./database";
import { localDevDatabase, localDevServiceUrl, localDevSuperuserUrl } from "./local-dev-database";

describe("local development database URLs", () => {
  it("send each service through the chain as its own role, with its own password", () => {
    const passwords = new Set<string>();
    for (const service of ["api", "worker", "reporting"] as const) {
      const url = new URL(localDevServiceUrl(service));
      expect(url.username).toBe(serviceRoles[service]);
      expect(url.port).toBe(String(localDevDatabase.chainPort));
      expect(url.hostname).toBe("127.0.0.1");
      expect(url.pathname).toBe(`/${databaseName}`);
      passwords.add(url.password);
    }
    expect(passwords.size).toBe(3);
  });

  it("keep the superuser on PostgreSQL's own port, apart from the chain", () => {
    expect(localDevSuperuserUrl()).toBe(`postgres://postgres@127.0.0.1:5432/${databaseName}`);
    expect(localDevDatabase.chainPort).not.toBe(localDevDatabase.postgresPort);
  });

  it("take another address part by part", () => {
    expect(localDevServiceUrl("api", { port: 7000, database: "other" })).toBe(
      `postgres://orders_api:${localDevDatabase.servicePasswords.api}@127.0.0.1:7000/other`,
    );
    expect(localDevSuperuserUrl({ host: "db.test", port: 7001, password: "p@ss/w" })).toBe(
      `postgres://postgres:p%40ss%2Fw@db.test:7001/${databaseName}`,
    );
  });
});
