import { databaseName } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { devDatabase, devDatabaseUrl } from "./dev-database";

describe("sst dev database", () => {
  it("defaults to the app database on localhost", () => {
    expect(devDatabase(undefined)).toEqual({
      host: "localhost",
      port: 5432,
      username: "postgres",
      password: "postgres",
      database: databaseName,
    });
  });

  it("round-trips a URL with characters that need escaping", () => {
    const db = devDatabase("postgresql://me:p%40ss%2Fw0rd@127.0.0.1:6543/orders");
    expect(db).toMatchObject({ host: "127.0.0.1", port: 6543, username: "me", password: "p@ss/w0rd" });
    expect(devDatabase(devDatabaseUrl(db))).toEqual(db);
  });

  it("rejects other engines and URLs without a database", () => {
    expect(() => devDatabase("mysql://root@localhost/orders")).toThrow(/postgres/);
    expect(() => devDatabase("postgres://localhost:5432/")).toThrow(/database/);
  });
});
