import { databaseName, localDevDatabase, type ServiceName, serviceRoles } from "@orders/settings";
import { describe, expect, it } from "vitest";
import * as devDatabaseModule from "./dev-database";
import { devDatabase, devServiceDatabaseUrl } from "./dev-database";
import { databaseEnvironment } from "./environment";

const services = Object.keys(serviceRoles) as ServiceName[];

describe("sst dev database", () => {
  it("defaults to what npm run dev:db serves: the app database on PostgreSQL's own port", () => {
    expect(devDatabase(undefined)).toEqual({
      host: "127.0.0.1",
      port: 5432,
      username: "postgres",
      password: "postgres",
      database: databaseName,
    });
    expect(localDevDatabase.postgresPort).toBe(devDatabase(undefined).port);
  });

  it("decodes a URL with characters that need escaping", () => {
    const db = devDatabase("postgresql://me:p%40ss%2Fw0rd@127.0.0.1:6543/orders");
    expect(db).toEqual({
      host: "127.0.0.1",
      port: 6543,
      username: "me",
      password: "p@ss/w0rd",
      database: "orders",
    });
  });

  it("offers functions no URL built from the superuser's database (only Aurora's dev setting reads it)", () => {
    expect(devDatabaseModule).not.toHaveProperty("devDatabaseUrl");
  });

  it("rejects other engines and URLs without a database", () => {
    expect(() => devDatabase("mysql://root@localhost/orders")).toThrow(/postgres/);
    expect(() => devDatabase("postgres://localhost:5432/")).toThrow(/database/);
  });
});

describe("the environment each function gets under sst dev", () => {
  it("logs every service in as its own role through the chain, never as the superuser", () => {
    const superuser = devDatabase(undefined);
    const seen = new Set<string>();
    for (const service of services) {
      const env = databaseEnvironment({ kind: "local", url: devServiceDatabaseUrl(service) }, service);
      expect(Object.keys(env)).toEqual(["DATABASE_URL"]);
      const url = new URL(env.DATABASE_URL ?? "");
      expect(url.username).toBe(serviceRoles[service]);
      expect(url.password).toBe(localDevDatabase.servicePasswords[service]);
      expect(url.hostname).toBe(superuser.host);
      expect(Number(url.port)).toBe(localDevDatabase.chainPort);
      expect(Number(url.port)).not.toBe(superuser.port);
      expect(url.pathname).toBe(`/${databaseName}`);
      seen.add(env.DATABASE_URL ?? "");
    }
    expect(seen.size).toBe(services.length);
  });

  it("follows LOCAL_DATABASE_URL's host and database and LOCAL_DATABASE_CHAIN_PORT", () => {
    const url = new URL(
      devServiceDatabaseUrl("worker", {
        LOCAL_DATABASE_URL: "postgres://postgres:secret@192.0.2.7:5433/orders_dev",
        LOCAL_DATABASE_CHAIN_PORT: "6433",
      }),
    );
    expect(url.hostname).toBe("192.0.2.7");
    expect(url.port).toBe("6433");
    expect(url.pathname).toBe("/orders_dev");
    // The superuser's password stays with the superuser.
    expect(url.username).toBe(serviceRoles.worker);
    expect(url.password).not.toBe("secret");
  });

  it("refuses a chain port that is not a port", () => {
    expect(() => devServiceDatabaseUrl("api", { LOCAL_DATABASE_CHAIN_PORT: "64k" })).toThrow(
      /LOCAL_DATABASE_CHAIN_PORT/,
    );
  });
});
