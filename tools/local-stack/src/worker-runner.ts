/**
 * The worker's local runner (a child process of the local stack): the event-source-mapping emulator around
 * the real Lambda handler, with the deployed mapping's batch size, window and maximum concurrency. Env:
 * ORDERS_QUEUE_URL, DATABASE_URL (worker role), AWS_ENDPOINT_URL_SQS + AWS_REGION + dummy credentials.
 */
import { SQSClient } from "@aws-sdk/client-sqs";
import { lambdaContainerPool, type SqsLambdaHandler, startEventSourceMapping } from "@orders/local-aws";
import { orderFlow } from "@orders/settings";
import { WORKER_READY_MARKER } from "./worker-ready";

const queueUrl = process.env.ORDERS_QUEUE_URL;
if (!queueUrl) {
  console.error("ORDERS_QUEUE_URL is not set (URL of the orders queue)");
  process.exit(1);
}

// A plain client, as in the Lambda: AWS_ENDPOINT_URL_SQS points it at the emulator.
// One module instance per concurrent batch, like one Lambda container each (see lambdaContainerPool).
const lambdaModule = import.meta.resolve("@orders/order-worker/lambda");
const pool = lambdaContainerPool(async (container) => {
  const loaded: { handler?: unknown } = await import(`${lambdaModule}?container=${container}`);
  if (typeof loaded.handler !== "function") throw new Error(`${lambdaModule} exports no handler function`);
  return loaded.handler as SqsLambdaHandler;
});

const sqs = new SQSClient({});
const mapping = await startEventSourceMapping({
  sqs,
  queueUrl,
  handler: pool.handler,
  functionName: "order-worker",
});
console.log(
  `${WORKER_READY_MARKER} ${queueUrl} (batches of up to ${orderFlow.batchSize}, ` +
    `window ${orderFlow.batchWindowSeconds} s, at most ${orderFlow.maxConcurrency} at once)`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`worker stopping (${signal}): finishing the batches in flight`);
  await mapping.stop();
  sqs.destroy();
  const { batches, messages, failed } = mapping.stats();
  console.log(
    `worker stopped after ${batches} batches, ${messages} messages, ${failed} failed attempts, ` +
      `${pool.containers()} containers`,
  );
  process.exit(0);
}

process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
