import { localDevServiceUrl, localDevSuperuserUrl, type ServiceName } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { devDbBanner } from "./dev-db-banner";
import { servicePasswordsFile, superuserPasswordFile } from "./dev-db-data-dir";
import { defaultDevDbDataDir } from "./dev-db-options";

const generated = "Gen3rated-Pa55word_x";
const services: ServiceName[] = ["api", "worker", "reporting"];
const serviceGenerated = (service: ServiceName) => `Gen3rated-${service}-pw`;

function database(
  postgresPort: number,
  chainPort: number,
  passwordFile = superuserPasswordFile(defaultDevDbDataDir),
  servicesFile = servicePasswordsFile(defaultDevDbDataDir),
) {
  return {
    superuserUrl: localDevSuperuserUrl({ port: postgresPort, password: generated }),
    passwordFile,
    servicePasswordsFile: servicesFile,
    clusterDir: "/data/postgres-17",
    chain: {
      description: "a stand-in",
      port: chainPort,
      serviceUrls: Object.fromEntries(
        services.map((s) => [s, localDevServiceUrl(s, { port: chainPort, password: serviceGenerated(s) })]),
      ) as Record<ServiceName, string>,
      report: () => "0 of 0 sessions would have pinned",
      stop: async () => {},
    },
  };
}

describe("dev:db banner", () => {
  it("on the default ports and data folder, tells sst dev nothing: its defaults already match", () => {
    const banner = devDbBanner(database(5432, 6432));
    const file = superuserPasswordFile(defaultDevDbDataDir);
    expect(banner).toContain("In another terminal:   npx sst dev --stage <you>-dev");
    expect(banner).toContain(
      `PGPASSWORD="$(cat '${file}')" psql 'postgres://postgres@127.0.0.1:5432/orders'`,
    );
    expect(banner).toContain("through the chain on port 6432 (a stand-in)");
    expect(banner).toContain(localDevServiceUrl("reporting"));
  });

  it("never prints a password, only where each is", () => {
    const banner = devDbBanner(
      database(5432, 6432, "/elsewhere/superuser-password", "/elsewhere/service-passwords"),
    );
    expect(banner).not.toContain(generated);
    for (const service of services) expect(banner).not.toContain(serviceGenerated(service));
    expect(banner).toContain("password: in /elsewhere/superuser-password (only you can read it");
    expect(banner).toContain("passwords: in /elsewhere/service-passwords (only you can read it");
  });

  it("elsewhere, prints what to set in front of sst dev", () => {
    expect(devDbBanner(database(7432, 7433))).toContain(
      "LOCAL_DATABASE_URL='postgres://postgres@127.0.0.1:7432/orders' LOCAL_DATABASE_CHAIN_PORT=7433 npx sst dev",
    );
    expect(
      devDbBanner(database(5432, 6432, "/srv/db/superuser-password", "/srv/db/service-passwords")),
    ).toContain(
      "In another terminal:   LOCAL_DATABASE_PASSWORD_FILE='/srv/db/superuser-password' " +
        "LOCAL_DATABASE_SERVICE_PASSWORDS_FILE='/srv/db/service-passwords' npx sst dev",
    );
  });
});
