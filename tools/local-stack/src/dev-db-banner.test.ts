import { localDevServiceUrl, localDevSuperuserUrl, type ServiceName } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { devDbBanner } from "./dev-db-banner";

function database(postgresPort: number, chainPort: number) {
  const services: ServiceName[] = ["api", "worker", "reporting"];
  return {
    superuserUrl: localDevSuperuserUrl({ port: postgresPort }),
    clusterDir: "/data/postgres-17",
    chain: {
      description: "a stand-in",
      port: chainPort,
      serviceUrls: Object.fromEntries(
        services.map((s) => [s, localDevServiceUrl(s, { port: chainPort })]),
      ) as Record<ServiceName, string>,
      report: () => "0 of 0 sessions would have pinned",
      stop: async () => {},
    },
  };
}

describe("dev:db banner", () => {
  it("on the default ports, tells sst dev nothing: its defaults already match", () => {
    const banner = devDbBanner(database(5432, 6432));
    expect(banner).toContain("In another terminal:   npx sst dev --stage <you>-dev");
    expect(banner).toContain("psql 'postgres://postgres:postgres@127.0.0.1:5432/orders'");
    expect(banner).toContain("through the chain on port 6432 (a stand-in)");
    expect(banner).toContain(localDevServiceUrl("reporting"));
  });

  it("on other ports, prints what to set in front of sst dev", () => {
    const banner = devDbBanner(database(7432, 7433));
    expect(banner).toContain(
      "LOCAL_DATABASE_URL='postgres://postgres:postgres@127.0.0.1:7432/orders' LOCAL_DATABASE_CHAIN_PORT=7433 npx sst dev",
    );
  });
});
