import { type CommandLine, parseOrExit, UsageError } from "@orders/cli-args";
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
export const defaultDevDbDataDir = repoPath(localDevDatabase.dataFolder);

/** How to call `npm run dev:db`. */
export const devDbCommand = {
  name: "npm run dev:db",
  usage: `Usage: npm run dev:db [-- [--reset] [--port <n>] [--chain-port <n>] [--data-dir <folder>]]
The local database \`sst dev\` connects to, in the foreground until Ctrl-C; its data is kept between runs.
  --reset           throw the kept data away first (a fresh, migrated, seeded database)
  --port            PostgreSQL's port (env DEV_DB_PORT, default ${localDevDatabase.postgresPort})
  --chain-port      the services' port, through the chain (env DEV_DB_CHAIN_PORT, default ${localDevDatabase.chainPort})
  --data-dir        where the data is kept (env DEV_DB_DATA_DIR, default .dev-db in the repository)
  -h, --help        this text`,
  options: {
    reset: { type: "boolean" },
    port: { type: "string" },
    "chain-port": { type: "string" },
    "data-dir": { type: "string" },
  },
} as const;

/**
 * Reads the options from the parsed command line, then the environment, then the defaults `sst dev` expects
 * (the ports come from @orders/settings, as infra's do). Tests and a second checkout pass other ports and
 * folders. A value that is not a port throws a UsageError.
 */
export function devDbOptionsFrom(
  { values }: CommandLine<typeof devDbCommand.options>,
  env: Record<string, string | undefined> = process.env,
): DevDbOptions {
  const postgresPort = port("--port", values.port ?? env.DEV_DB_PORT, localDevDatabase.postgresPort);
  const chainPort = port(
    "--chain-port",
    values["chain-port"] ?? env.DEV_DB_CHAIN_PORT,
    localDevDatabase.chainPort,
  );
  if (postgresPort === chainPort) {
    throw new UsageError(`PostgreSQL and the chain need two different ports, got ${postgresPort} twice`);
  }
  const dataDir = values["data-dir"] || env.DEV_DB_DATA_DIR || defaultDevDbDataDir;
  return { postgresPort, chainPort, dataDir, reset: values.reset ?? false };
}

/** `npm run dev:db`'s options from its arguments, or its usage and exit status 2 when they are wrong. */
export function devDbOptionsOrExit(argv: readonly string[]): DevDbOptions {
  return parseOrExit(devDbCommand, argv, (line) => devDbOptionsFrom(line));
}

function port(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new UsageError(`${name} must be a TCP port (1-65535), got ${JSON.stringify(raw)}`);
  }
  return value;
}
