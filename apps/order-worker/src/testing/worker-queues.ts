import type { SQSClient } from "@aws-sdk/client-sqs";
import {
  createOrderQueues,
  type OrderQueues,
  type SqsLambdaHandler,
  startEventSourceMapping,
  startLocalSqs,
} from "@orders/local-aws";
import { vi } from "vitest";

/** An SQS emulator with the orders queue and its dead-letter queue, for a test that runs the worker on them. */
export interface WorkerQueues {
  sqs: SQSClient;
  queues: OrderQueues;
  /**
   * Feeds the orders queue to `handler` as Lambda's event-source mapping does (batches of up to 10, no batch
   * window, `maxConcurrency` at once) until `settled` stops throwing or `timeoutMs` passes, then stops the
   * mapping (the batches in flight finish first).
   */
  consumeUntil(
    handler: SqsLambdaHandler,
    options: { maxConcurrency: number; timeoutMs: number; intervalMs: number },
    settled: () => Promise<void>,
  ): Promise<void>;
  /** Ends the client and stops the emulator. */
  close(): Promise<void>;
}

/**
 * Starts the emulator and creates the queues named `name` with the deployed redrive policy
 * (`orderFlow.maxReceiveCount`) and a 1 s visibility timeout, so a test watches retries in seconds.
 *
 * @example
 * beforeAll(async () => { queues = await startWorkerQueues("orders-worker-test"); });
 * afterAll(() => queues?.close());
 */
export async function startWorkerQueues(name: string): Promise<WorkerQueues> {
  const local = await startLocalSqs();
  const sqs = local.client();
  try {
    const queues = await createOrderQueues(sqs, { name, visibilityTimeoutSeconds: 1 });
    return {
      sqs,
      queues,
      consumeUntil: async (handler, { maxConcurrency, timeoutMs, intervalMs }, settled) => {
        const mapping = await startEventSourceMapping({
          sqs,
          queueUrl: queues.queueUrl,
          handler,
          batchSize: 10,
          batchWindowSeconds: 0,
          maxConcurrency,
          receiveWaitSeconds: 1,
          onBatch: () => {},
        });
        try {
          await vi.waitFor(settled, { timeout: timeoutMs, interval: intervalMs });
        } finally {
          await mapping.stop();
        }
      },
      close: async () => {
        sqs.destroy();
        await local.stop();
      },
    };
  } catch (error) {
    sqs.destroy();
    await local.stop();
    throw error;
  }
}
