import { describe, expect, it } from "vitest";
import { ConnectionConfigError, connectionConfigFromEnv } from "./config";

describe("connectionConfigFromEnv", () => {
  it("uses a plain URL when DATABASE_URL is set", () => {
    expect(connectionConfigFromEnv({ DATABASE_URL: "postgres://u:p@localhost/db" })).toEqual({
      kind: "url",
      url: "postgres://u:p@localhost/db",
    });
  });

  it("uses IAM auth through the proxy when the DB_* variables are set", () => {
    expect(
      connectionConfigFromEnv({
        DB_HOST: "proxy.example",
        DB_PORT: "5432",
        DB_NAME: "orders",
        DB_USER: "orders_api",
        AWS_REGION: "eu-west-1",
      }),
    ).toEqual({
      kind: "iam",
      host: "proxy.example",
      port: 5432,
      database: "orders",
      user: "orders_api",
      region: "eu-west-1",
    });
  });

  it("names what is missing", () => {
    expect(() => connectionConfigFromEnv({ DB_HOST: "h" })).toThrow(ConnectionConfigError);
    expect(() => connectionConfigFromEnv({ DB_HOST: "h" })).toThrow(/missing: DB_NAME, DB_USER, AWS_REGION/);
  });

  it("rejects a port that is not a port", () => {
    expect(() =>
      connectionConfigFromEnv({
        DB_HOST: "h",
        DB_PORT: "99999",
        DB_NAME: "d",
        DB_USER: "u",
        AWS_REGION: "r",
      }),
    ).toThrow(/DB_PORT/);
  });
});
