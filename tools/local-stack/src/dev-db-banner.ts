import { localDevDatabase, type ServiceName } from "@orders/settings";
import type { DevDatabase } from "./dev-db-server";
import { missingPoolerNotice } from "./pooler-notice";

/**
 * What `npm run dev:db` prints once it is up: the superuser URL for psql, each service's URL through the
 * chain, and how to point `sst dev` at it (nothing to set on the default ports).
 */
export function devDbBanner(db: Pick<DevDatabase, "superuserUrl" | "chain" | "clusterDir">): string {
  const postgresPort = Number(new URL(db.superuserUrl).port);
  const defaults =
    postgresPort === localDevDatabase.postgresPort && db.chain.port === localDevDatabase.chainPort;
  const sstEnv = defaults
    ? ""
    : `LOCAL_DATABASE_URL='${db.superuserUrl}' LOCAL_DATABASE_CHAIN_PORT=${db.chain.port} `;
  const services = Object.entries(db.chain.serviceUrls) as [ServiceName, string][];
  return [
    "",
    "Local database for `sst dev` is up.",
    `  PostgreSQL 17  ${db.superuserUrl}`,
    "                 superuser: migrations and psql only, never a function",
    `  Services       as their own roles, through the chain on port ${db.chain.port} (${db.chain.description}):`,
    ...services.map(([service, url]) => `    ${service.padEnd(10)} ${url}`),
    ...missingPoolerNotice(db.chain.withoutPooler).map((line) => `                 ${line}`),
    `  Data           ${db.clusterDir} (kept between runs; \`npm run dev:db -- --reset\` starts over)`,
    "",
    `Inspect the data:      psql '${db.superuserUrl}'`,
    `In another terminal:   ${sstEnv}npx sst dev --stage <you>-dev`,
    "Stop: Ctrl-C.",
    "",
  ].join("\n");
}
