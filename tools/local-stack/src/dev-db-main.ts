/**
 * The process of `npm run dev:db`, started by `dev-db.ts` in a process group of its own. Refuses at once to
 * start beside another run (a port in use), and on SIGTERM/SIGINT, or when the launcher goes away, stops the
 * chain and then PostgreSQL, whose data stays for the next run.
 */

import { isListening } from "@orders/local-postgres";
import { devDbBanner } from "./dev-db-banner";
import { devDbOptionsOrExit } from "./dev-db-options";
import { type DevDatabase, startDevDatabase } from "./dev-db-server";

const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

let database: DevDatabase | undefined;
let stopping = false;

async function stop(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (!database) {
    console.log(`\n${reason} during start-up: stopping once the current step ends`);
    return;
  }
  console.log(`\nstopping the local database (${reason})`);
  console.log(database.chain.report());
  await database.stop();
  console.log("local database stopped; its data is kept for the next run");
  process.exit(0);
}

for (const signal of signals) process.on(signal, () => void stop(signal));
process.on("disconnect", () => void stop("launcher gone"));

function fail(message: string): never {
  console.error(`dev:db: ${message}`);
  process.exit(1);
}

const options = devDbOptionsOrExit(process.argv.slice(2));

// Checked before anything starts, so a second run fails at once and leaves the first one's servers alone.
for (const [port, what, flag] of [
  [options.postgresPort, "PostgreSQL", "--port"],
  [options.chainPort, "the chain", "--chain-port"],
] as const) {
  if (await isListening(port)) {
    fail(
      `port ${port} (${what}) is already in use: is \`npm run dev:db\` already running? ` +
        `Stop it, or choose another port with ${flag}.`,
    );
  }
}

console.log(
  `starting the local database on ports ${options.postgresPort} (PostgreSQL) and ${options.chainPort} (services)` +
    (options.reset ? ", after throwing the kept data away" : ""),
);
try {
  database = await startDevDatabase(options, (line) => console.log(line));
} catch (error) {
  fail(`the local database could not start: ${(error as Error).message}`);
}
if (stopping) {
  await database.stop();
  console.log("local database stopped");
  process.exit(0);
}
console.log(devDbBanner(database));
