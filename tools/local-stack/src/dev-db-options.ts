import { parseArgs } from "node:util";
import { localDevDatabase } from "@orders/settings";
import { repoPath } from "./repo-paths";

/** How `npm run dev:db` runs: its two fixed ports, where its data lives, and whether to start over. */
export interface DevDbOptions {
  /** PostgreSQL itself: the superuser URL (migrations, psql). */
  postgresPort: number;
  /** The chain the services connect through. */
  chainPort: number;
  /** Folder that keeps the cluster between runs (git-ignored in the repository). */
  dataDir: string;
  /** Throw the kept data away before starting. */
  reset: boolean;
}

/** The data folder of `npm run dev:db` inside the repository (listed in .gitignore). */
export const defaultDevDbDataDir = repoPath(".dev-db");

export const devDbUsage = `Usage: npm run dev:db [-- --reset] [--port <n>] [--chain-port <n>] [--data-dir <folder>]
  --reset           throw the kept data away first (a fresh, migrated, seeded database)
  --port            PostgreSQL's port (env DEV_DB_PORT, default ${localDevDatabase.postgresPort})
  --chain-port      the services' port, through the chain (env DEV_DB_CHAIN_PORT, default ${localDevDatabase.chainPort})
  --data-dir        where the data is kept (env DEV_DB_DATA_DIR, default .dev-db in the repository)`;

export class DevDbUsageError extends Error {
  override name = "DevDbUsageError";
}

/**
 * Reads the options from the command line, then the environment, then the defaults `sst dev` expects (the
 * ports come from @orders/settings, as infra's do). Tests and a second checkout pass other ports and folders.
 */
export function devDbOptions(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): DevDbOptions {
  let values: ReturnType<typeof parse>["values"];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new DevDbUsageError(`${(error as Error).message}\n${devDbUsage}`);
  }
  const postgresPort = port("--port", values.port ?? env.DEV_DB_PORT, localDevDatabase.postgresPort);
  const chainPort = port(
    "--chain-port",
    values["chain-port"] ?? env.DEV_DB_CHAIN_PORT,
    localDevDatabase.chainPort,
  );
  if (postgresPort === chainPort) {
    throw new DevDbUsageError(`PostgreSQL and the chain need two different ports, got ${postgresPort} twice`);
  }
  const dataDir = values["data-dir"] || env.DEV_DB_DATA_DIR || defaultDevDbDataDir;
  return { postgresPort, chainPort, dataDir, reset: values.reset ?? false };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      reset: { type: "boolean" },
      port: { type: "string" },
      "chain-port": { type: "string" },
      "data-dir": { type: "string" },
    },
  });
}

function port(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new DevDbUsageError(`${name} must be a TCP port (1-65535), got ${JSON.stringify(raw)}`);
  }
  return value;
}
