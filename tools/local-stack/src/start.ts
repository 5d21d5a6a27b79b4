/**
 * `npm start`: the whole platform on this machine, no AWS account, no Docker. Ctrl-C stops the services, the
 * emulator and PostgreSQL (and removes PostgreSQL's temporary data directory).
 *
 * A launcher: the stack runs in a child process with a process group of its own. Ctrl-C in a terminal
 * signals the whole foreground group, and embedded PostgreSQL is a plain child of the stack: it would get
 * the signal too and shut down before the worker had finished its batches. Here only this launcher gets
 * it, and asks the stack to stop in order (services, then the emulator, then PostgreSQL).
 */
import { parseOrExit, UsageError } from "@orders/cli-args";
import { runInOwnProcessGroup } from "./own-process-group";
import { repoPath } from "./repo-paths";
import { StackConfigError, stackConfigFromEnv } from "./stack-config";

const startCommand = {
  name: "npm start",
  usage: `Usage: npm start
The whole platform on this machine: PostgreSQL, the SQS emulator, the local OpenID provider, the api, the
worker and reporting, all on 127.0.0.1. Ctrl-C stops everything.
  -h, --help   this text
Environment (0 as a port: any free port):
  PORT                        the api (default 3000)
  REPORTING_PORT              reporting's dashboard and API (default 3001)
  IDENTITY_PORT               the local OpenID provider (default 3002; \`npm run token\` finds it there)
  LOCAL_SQS_PORT              the SQS emulator (default 9324; \`npm run redrive\` finds it there)
  REPORTING_SCHEDULE_SECONDS  the rollup interval (default 60)
  DATABASE_URL                an existing PostgreSQL (a superuser URL) instead of the embedded one`,
  options: {},
} as const;

parseOrExit(startCommand, process.argv.slice(2), () => {
  // Checked here too, so a mistyped port is refused before anything starts.
  try {
    stackConfigFromEnv();
  } catch (error) {
    if (error instanceof StackConfigError) throw new UsageError(error.message);
    throw error;
  }
});

runInOwnProcessGroup(repoPath("tools/local-stack/src/stack-main.ts"), {
  stillStopping: "still stopping: services get up to 10 s to finish their work...",
});
