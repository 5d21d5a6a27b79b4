/**
 * `npm run redrive`: moves every message of the orders dead-letter queue back to the orders queue.
 *
 * - Against AWS: set ORDERS_DLQ_URL and ORDERS_QUEUE_URL (and the usual AWS credentials/region); SQS's own
 *   message move task does the work.
 * - Locally: with those unset, it finds the running local stack's queues on its SQS emulator
 *   (AWS_ENDPOINT_URL_SQS, default http://127.0.0.1:9324, or LOCAL_SQS_PORT).
 */
import { GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { parseOrExit } from "@orders/cli-args";
import { localSqsClient, queueDepth, reachableQueueUrl, redriveDeadLetters } from "@orders/local-aws";
import { stackConfigFromEnv } from "./stack-config";

const redriveCommand = {
  name: "npm run redrive",
  usage: `Usage: npm run redrive
Moves every message of the orders dead-letter queue back to the orders queue, and says how many moved.
  -h, --help   this text
Environment:
  ORDERS_DLQ_URL, ORDERS_QUEUE_URL   both set: the queues in AWS (with the usual AWS credentials and region)
  AWS_ENDPOINT_URL_SQS               otherwise, the local stack's SQS emulator (default http://127.0.0.1:9324)
  LOCAL_SQS_PORT                     or only its port, as given to \`npm start\``,
  options: {},
} as const;

async function main(): Promise<void> {
  const { ORDERS_DLQ_URL, ORDERS_QUEUE_URL } = process.env;
  let sqs: SQSClient;
  let source: string;
  let destination: string;
  if (ORDERS_DLQ_URL && ORDERS_QUEUE_URL) {
    sqs = new SQSClient({});
    source = ORDERS_DLQ_URL;
    destination = ORDERS_QUEUE_URL;
  } else {
    const endpoint = process.env.AWS_ENDPOINT_URL_SQS ?? `http://127.0.0.1:${stackConfigFromEnv().sqsPort}`;
    sqs = localSqsClient(endpoint);
    const url = async (name: string) => {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
      if (!QueueUrl) throw new Error(`no queue named ${name} at ${endpoint}`);
      return reachableQueueUrl(endpoint, QueueUrl);
    };
    try {
      [source, destination] = [await url("orders-dlq"), await url("orders")];
    } catch (error) {
      throw new Error(
        `could not reach the local stack's queues at ${endpoint} (is \`npm start\` running?): ${(error as Error).message}`,
      );
    }
  }
  try {
    const before = await queueDepth(sqs, source);
    console.log(`redriving ${before.visible} message(s) from ${source} to ${destination}`);
    const result = await redriveDeadLetters(sqs, { source, destination });
    console.log(`moved ${result.moved} message(s) with ${result.method}; ${result.failed} failed to move`);
    if (result.failed > 0) process.exitCode = 1;
  } finally {
    sqs.destroy();
  }
}

parseOrExit(redriveCommand);
main().catch((error: unknown) => {
  console.error(`redrive failed: ${(error as Error).message}`);
  process.exit(1);
});
