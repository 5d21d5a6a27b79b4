import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";

/** Sends bodies in SendMessageBatch calls of 10, `parallel` calls at a time; throws if any entry failed. */
export async function sendBodies(sqs: SQSClient, queueUrl: string, bodies: readonly string[], parallel = 8) {
  const chunks = Array.from({ length: Math.ceil(bodies.length / 10) }, (_, i) =>
    bodies.slice(i * 10, i * 10 + 10),
  );
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++] as string[];
      const { Failed } = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((body, n) => ({ Id: String(n), MessageBody: body })),
        }),
      );
      if (Failed?.length) throw new Error(`send failed: ${Failed.map((f) => f.Message).join("; ")}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}
