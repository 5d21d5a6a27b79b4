import { dropDatabase, findFreePort, uniqueDatabaseName } from "@orders/local-postgres";
import { type LocalStack, startLocalStack } from "../local-stack";

/** A whole local stack for one test file, on free ports, its output kept line by line. */
export interface TestStack {
  stack: LocalStack;
  /** The name of its database. */
  database: string;
  /** Every line the stack printed, service prefix included, without colours. */
  output: string[];
  /** Stops the stack and drops its database. */
  stop(): Promise<void>;
}

/**
 * Starts the stack as `npm start` does, in a database of its own named after `name`, with the rollup
 * schedule out of the way (hourly) so a test sees only the work it causes.
 */
export async function startTestStack(name: string): Promise<TestStack> {
  const database = uniqueDatabaseName(name);
  const output: string[] = [];
  const stack = await startLocalStack({
    config: {
      apiPort: await findFreePort(),
      reportingPort: await findFreePort(),
      sqsPort: 0,
      reportingScheduleSeconds: 3600,
      identityPort: 0,
    },
    database,
    colour: false,
    write: (line) => output.push(line),
  });
  return {
    stack,
    database,
    output,
    async stop() {
      await stack.stop();
      if (process.env.DATABASE_URL) await dropDatabase(process.env.DATABASE_URL, database).catch(() => {});
    },
  };
}
