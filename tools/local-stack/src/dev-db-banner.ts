import { localDevDatabase, type ServiceName } from "@orders/settings";
import { servicePasswordsFile, superuserPasswordFile } from "./dev-db-data-dir";
import { defaultDevDbDataDir } from "./dev-db-options";
import type { DevDatabase } from "./dev-db-server";
import { missingPoolerNotice } from "./pooler-notice";

/**
 * What `npm run dev:db` prints once it is up: the superuser URL for psql, each service's URL through the
 * chain (every password stays in its file and is read from there, never printed), and how to point `sst dev`
 * at it (nothing to set on the default ports and data folder).
 */
export function devDbBanner(
  db: Pick<DevDatabase, "superuserUrl" | "passwordFile" | "servicePasswordsFile" | "chain" | "clusterDir">,
): string {
  const url = new URL(withoutPassword(db.superuserUrl));
  const superuserUrl = url.toString();
  const sstEnv = [
    Number(url.port) === localDevDatabase.postgresPort ? "" : `LOCAL_DATABASE_URL='${superuserUrl}'`,
    db.passwordFile === superuserPasswordFile(defaultDevDbDataDir)
      ? ""
      : `LOCAL_DATABASE_PASSWORD_FILE='${db.passwordFile}'`,
    db.servicePasswordsFile === servicePasswordsFile(defaultDevDbDataDir)
      ? ""
      : `LOCAL_DATABASE_SERVICE_PASSWORDS_FILE='${db.servicePasswordsFile}'`,
    db.chain.port === localDevDatabase.chainPort ? "" : `LOCAL_DATABASE_CHAIN_PORT=${db.chain.port}`,
  ]
    .filter(Boolean)
    .map((part) => `${part} `)
    .join("");
  const services = Object.entries(db.chain.serviceUrls) as [ServiceName, string][];
  return [
    "",
    "Local database for `sst dev` is up.",
    `  PostgreSQL 17  ${superuserUrl}`,
    "                 superuser: migrations and psql only, never a function",
    `                 password: in ${db.passwordFile} (only you can read it; generated for this data folder)`,
    `  Services       as their own roles, through the chain on port ${db.chain.port} (${db.chain.description}):`,
    ...services.map(([service, url]) => `    ${service.padEnd(10)} ${withoutPassword(url)}`),
    `                 passwords: in ${db.servicePasswordsFile} (only you can read it; generated for this data folder)`,
    ...missingPoolerNotice(db.chain.withoutPooler).map((line) => `                 ${line}`),
    `  Data           ${db.clusterDir} (kept between runs; \`npm run dev:db -- --reset\` starts over)`,
    "",
    `Inspect the data:      PGPASSWORD="$(cat '${db.passwordFile}')" psql '${superuserUrl}'`,
    `In another terminal:   ${sstEnv}npx sst dev --stage <you>-dev`,
    "Stop: Ctrl-C.",
    "",
  ].join("\n");
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.toString();
}
