/**
 * How fast the event-source-mapping emulator drains the orders queue on this machine, with the deployed
 * batch size, window and maximum concurrency, for a few simulated handler durations. Prints one row each.
 *
 *   npx tsx packages/local-aws/bench/mapping-throughput.ts [messages=2000]
 */
import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { orderFlow } from "@orders/settings";
import { startEventSourceMapping } from "../src/event-source-mapping";
import { startLocalSqs } from "../src/local-sqs";
import { createOrderQueues } from "../src/order-queues";

const messages = Number(process.argv[2] ?? 2000);
const handlerMs = [0, 20, 100];

const local = await startLocalSqs();
const sqs = local.client();
console.log(
  `mapping: batchSize ${orderFlow.batchSize}, window ${orderFlow.batchWindowSeconds} s, ` +
    `maxConcurrency ${orderFlow.maxConcurrency}; ${messages} messages per run`,
);
console.log("handler ms | drain s | msgs/s | batches | avg batch | peak concurrent");
try {
  for (const [run, delay] of handlerMs.entries()) {
    const queues = await createOrderQueues(sqs, { name: `bench-${run}` });
    for (let i = 0; i < messages; i += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queues.queueUrl,
          Entries: Array.from({ length: Math.min(10, messages - i) }, (_, n) => ({
            Id: String(n),
            MessageBody: JSON.stringify({ n: i + n }),
          })),
        }),
      );
    }
    let processed = 0;
    let inFlight = 0;
    let peak = 0;
    const started = performance.now();
    const mapping = await startEventSourceMapping({
      sqs,
      queueUrl: queues.queueUrl,
      receiveWaitSeconds: 1,
      onBatch: () => {},
      handler: async (event) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        inFlight -= 1;
        processed += event.Records.length;
      },
    });
    while (processed < messages) await new Promise((resolve) => setTimeout(resolve, 10));
    const seconds = (performance.now() - started) / 1000;
    await mapping.stop();
    const { batches } = mapping.stats();
    console.log(
      [
        String(delay).padStart(10),
        seconds.toFixed(2).padStart(7),
        String(Math.round(messages / seconds)).padStart(6),
        String(batches).padStart(7),
        (messages / batches).toFixed(1).padStart(9),
        String(peak).padStart(15),
      ].join(" | "),
    );
  }
} finally {
  sqs.destroy();
  await local.stop();
}
