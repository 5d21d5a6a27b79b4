import { connectionConfigFromEnv } from "@orders/db-client";
import { type ServiceName, serviceRoles } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { databaseEnvironment, observabilityEnvironment, queueEnvironment } from "./environment";

const proxy = {
  kind: "proxy",
  host: "orders.proxy-abc.eu-west-1.rds.amazonaws.com",
  port: 5432,
  database: "orders",
} as const;

describe("function environment", () => {
  it.each(Object.keys(serviceRoles) as ServiceName[])(
    "is what the db-client reads as IAM auth through the proxy, as the %s role",
    (service) => {
      const env = { ...databaseEnvironment(proxy, service), AWS_REGION: "eu-west-1" };
      expect(connectionConfigFromEnv(env)).toEqual({
        kind: "iam",
        host: proxy.host,
        port: 5432,
        database: "orders",
        user: serviceRoles[service],
        region: "eu-west-1",
      });
    },
  );

  it("never carries a password in AWS", () => {
    const env = databaseEnvironment(proxy, "worker");
    expect(Object.keys(env).sort()).toEqual(["DB_HOST", "DB_NAME", "DB_PORT", "DB_USER"]);
    expect(JSON.stringify(env)).not.toMatch(/password|DATABASE_URL/i);
  });

  it("is a plain URL under sst dev", () => {
    const url = "postgres://postgres:pw@localhost:5432/orders";
    expect(connectionConfigFromEnv(databaseEnvironment({ kind: "local", url }, "api"))).toEqual({
      kind: "url",
      url,
    });
  });

  it("names the queues as every service reads them", () => {
    expect(queueEnvironment({ orders: "https://q/orders" })).toEqual({
      ORDERS_QUEUE_URL: "https://q/orders",
    });
    expect(queueEnvironment({ orders: "https://q/o", deadLetter: "https://q/d" })).toEqual({
      ORDERS_QUEUE_URL: "https://q/o",
      ORDERS_DLQ_URL: "https://q/d",
    });
    expect(observabilityEnvironment("api").POWERTOOLS_SERVICE_NAME).toBe("api");
  });
});
