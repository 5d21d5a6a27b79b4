/**
 * The local stack's own process, started by `start.ts` in a process group of its own. It stops everything in
 * order on SIGTERM/SIGINT, or when the launcher goes away.
 */
import { readyBanner } from "./banner";
import { type LocalStack, startLocalStack } from "./local-stack";
import { stackConfigFromEnv } from "./stack-config";

const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

let stack: LocalStack | undefined;
let exiting = false;

async function exit(code: number, reason: string): Promise<void> {
  if (exiting) return;
  exiting = true;
  console.log(`\nstopping the local stack (${reason})`);
  await stack?.stop();
  console.log("local stack stopped");
  process.exit(code);
}

function requestStop(reason: string): void {
  if (stack) {
    void exit(0, reason);
    return;
  }
  // Still starting: startLocalStack cleans up after a failed step; a finished one is stopped below.
  exiting = true;
  console.log(`\n${reason} during start-up: stopping once the current step ends`);
}

for (const signal of signals) process.on(signal, () => requestStop(signal));
// The launcher holds an IPC channel: if it dies without forwarding a signal, do not keep running unseen.
process.on("disconnect", () => requestStop("launcher gone"));

try {
  stack = await startLocalStack({ config: stackConfigFromEnv() });
} catch (error) {
  console.error(`\nthe local stack could not start: ${(error as Error).message}`);
  process.exit(1);
}
if (exiting) {
  await stack.stop();
  console.log("local stack stopped");
  process.exit(0);
}
console.log(readyBanner(stack));
stack.unexpectedExit.then(({ name, exit: how }) =>
  exit(1, `${name} exited unexpectedly (${how.signal ?? `code ${how.code}`})`),
);
