import type { SQSClient } from "@aws-sdk/client-sqs";
import type { OrderQueues } from "@orders/local-aws";
import { queueDepth } from "@orders/local-aws";
import type postgres from "postgres";
import { pause } from "../harness/pause";
import type { FreezeOutcome } from "./freeze-phase";

export interface DrainInputs {
  admin: postgres.Sql;
  sqs: SQSClient;
  queues: Pick<OrderQueues, "queueUrl" | "deadLetterQueueUrl">;
  /** Valid orders sent through the queue; the API's accepted orders come on top. */
  validOrders: number;
  poisonMessages: number;
  /** Restarts PostgreSQL (once ~40 % of the orders are in). */
  restartDatabase(): Promise<void>;
  /** The freeze phase (API under load while the database, then the queue endpoint, are silent). */
  freeze(): Promise<FreezeOutcome>;
  /** Fails the run when it has not settled by then (epoch ms). */
  deadline: number;
  log: (line: string) => void;
}

export interface DrainOutcome {
  restarts: number;
  freeze: FreezeOutcome;
}

/**
 * Waits, while the workers drain the queue, until every valid order and every order the API accepted is
 * recorded, the orders queue is empty and the poison is in the dead-letter queue. Restarts PostgreSQL once
 * ~40 % of the orders are in (in-flight batches fail and are retried), then starts the freeze phase (after the
 * restart, so one message is not failed by both); a failed freeze phase fails the run at once.
 */
export async function drainUnderChaos(inputs: DrainInputs): Promise<DrainOutcome> {
  let restarts = 0;
  let freezing: Settling<FreezeOutcome> | undefined;
  for (;;) {
    if (Date.now() > inputs.deadline) throw new Error("chaos run did not settle in time");
    const frozen = freezing?.state();
    if (frozen?.status === "rejected") throw frozen.reason ?? new Error("the freeze phase failed");
    const recorded = await countOrders(inputs.admin);
    if (restarts === 0 && recorded >= inputs.validOrders * 0.4) {
      inputs.log(`chaos: restarting PostgreSQL at ${recorded} orders`);
      await inputs.restartDatabase();
      restarts++;
    }
    if (restarts > 0) freezing ??= settling(inputs.freeze());
    const main = await queueDepth(inputs.sqs, inputs.queues.queueUrl);
    const dead = await queueDepth(inputs.sqs, inputs.queues.deadLetterQueueUrl);
    if (
      frozen?.status === "fulfilled" &&
      recorded === inputs.validOrders + frozen.value.acceptedOrderIds.length &&
      main.visible + main.inFlight === 0 &&
      dead.visible >= inputs.poisonMessages
    ) {
      return { restarts, freeze: frozen.value };
    }
    await pause(250);
  }
}

type Settled<T> =
  | { status: "pending" }
  | { status: "fulfilled"; value: T }
  | { status: "rejected"; reason: unknown };

interface Settling<T> {
  state(): Settled<T>;
}

/** A promise whose outcome can be looked at without waiting for it. */
function settling<T>(promise: Promise<T>): Settling<T> {
  let settled: Settled<T> = { status: "pending" };
  promise.then(
    (value) => {
      settled = { status: "fulfilled", value };
    },
    (reason: unknown) => {
      settled = { status: "rejected", reason };
    },
  );
  return { state: () => settled };
}

/** Orders recorded so far; -1 while PostgreSQL restarts. */
async function countOrders(admin: postgres.Sql): Promise<number> {
  try {
    const [row] = await admin<{ n: number }[]>`select count(*)::int as n from orders`;
    return row?.n ?? 0;
  } catch {
    return -1;
  }
}
