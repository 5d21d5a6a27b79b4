import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { type BatchReport, startEventSourceMapping } from "./event-source-mapping";
import { createOrderQueues } from "./order-queues";
import { queueDepth } from "./queue-depth";
import { useLocalSqs } from "./testing/use-local-sqs";

const emulator = useLocalSqs();

let queueCount = 0;
/**
 * A fresh orders queue pair with a 1 s visibility timeout, so failed messages come back quickly. The tests
 * use no batching window with it: a window must be shorter than the visibility timeout.
 */
async function shortVisibilityQueues() {
  queueCount += 1;
  return await createOrderQueues(emulator.sqs, { name: `esm-${queueCount}`, visibilityTimeoutSeconds: 1 });
}

async function sendBodies(queueUrl: string, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    await emulator.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(i, i + 10).map((body, n) => ({
          Id: String(n),
          MessageBody: body,
          MessageAttributes: { kind: { DataType: "String", StringValue: body.split("-")[0] } },
        })),
      }),
    );
  }
}

/** How long and how often `vi.waitFor` polls for what the mapping does in the background. */
const polling = { timeout: 15_000, interval: 20 };

const quiet = { onBatch: () => {}, receiveWaitSeconds: 1 };

describe("event-source mapping emulator", () => {
  it("hands the handler real-shaped records and deletes only the messages that succeeded", async () => {
    const queues = await shortVisibilityQueues();
    const bodies = ["ok-1", "fail-1", "ok-2", "fail-2", "ok-3"];
    await sendBodies(queues.queueUrl, bodies);

    const seen: { record: SQSRecord; at: number }[] = [];
    const reports: BatchReport[] = [];
    const mapping = await startEventSourceMapping({
      ...quiet,
      sqs: emulator.sqs,
      queueUrl: queues.queueUrl,
      batchSize: 10,
      batchWindowSeconds: 0,
      maxConcurrency: 2,
      onBatch: (report) => reports.push(report),
      handler: async (event: SQSEvent) => {
        for (const record of event.Records) seen.push({ record, at: Date.now() });
        return {
          batchItemFailures: event.Records.filter(
            (r) => r.body.startsWith("fail") && r.attributes.ApproximateReceiveCount === "1",
          ).map((r) => ({ itemIdentifier: r.messageId })),
        };
      },
    });
    try {
      await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(bodies.length + 2), polling);
      await vi.waitFor(async () => {
        const depth = await queueDepth(emulator.sqs, queues.queueUrl);
        expect(depth.visible + depth.inFlight).toBe(0);
      }, polling);
    } finally {
      await mapping.stop();
    }

    const timesSeen = (body: string) => seen.filter((s) => s.record.body === body).length;
    for (const body of ["ok-1", "ok-2", "ok-3"]) expect(timesSeen(body)).toBe(1);
    for (const body of ["fail-1", "fail-2"]) {
      const attempts = seen.filter((s) => s.record.body === body);
      expect(attempts.map((s) => s.record.attributes.ApproximateReceiveCount)).toEqual(["1", "2"]);
      // Back only after the 1 s visibility timeout, not at once.
      expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    }

    const record = seen[0]?.record;
    expect(record?.eventSource).toBe("aws:sqs");
    expect(record?.eventSourceARN).toBe(queues.queueArn);
    expect(record?.awsRegion).toBe(emulator.local.region);
    expect(record?.receiptHandle).toBeTruthy();
    expect(record?.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    expect(record?.attributes.SentTimestamp).toMatch(/^\d+$/);
    expect(record?.messageAttributes.kind).toEqual({
      dataType: "String",
      stringValue: record?.body.split("-")[0],
      stringListValues: [],
      binaryListValues: [],
    });
    expect(reports.reduce((n, r) => n + r.failed, 0)).toBe(2);
    expect(reports.reduce((n, r) => n + r.size, 0)).toBe(bodies.length + 2);
  });

  it("collects messages arriving within the batching window into one batch of at most batchSize", async () => {
    const queues = await createOrderQueues(emulator.sqs, { name: "esm-window" });
    const sizes: number[] = [];
    const mapping = await startEventSourceMapping({
      ...quiet,
      sqs: emulator.sqs,
      queueUrl: queues.queueUrl,
      batchSize: 4,
      batchWindowSeconds: 2,
      maxConcurrency: 2,
      handler: async (event: SQSEvent) => {
        sizes.push(event.Records.length);
      },
    });
    try {
      await sendBodies(queues.queueUrl, ["w-1"]);
      // The mapping has received the first message (its batching window is open) before the rest arrive.
      await vi.waitFor(async () => {
        expect((await queueDepth(emulator.sqs, queues.queueUrl)).inFlight).toBe(1);
      }, polling);
      await sendBodies(queues.queueUrl, ["w-2", "w-3", "w-4", "w-5"]);
      await vi.waitFor(() => expect(sizes.reduce((a, b) => a + b, 0)).toBe(5), polling);
    } finally {
      await mapping.stop();
    }
    expect(Math.max(...sizes)).toBe(4);
    expect(sizes.length).toBeLessThanOrEqual(2);
  });

  it("treats a thrown handler as a failure of the whole batch", async () => {
    const queues = await shortVisibilityQueues();
    await sendBodies(queues.queueUrl, ["a-1", "a-2", "a-3"]);
    const attempts = new Map<string, string[]>();
    const reports: BatchReport[] = [];
    let calls = 0;
    const mapping = await startEventSourceMapping({
      ...quiet,
      sqs: emulator.sqs,
      queueUrl: queues.queueUrl,
      batchSize: 10,
      batchWindowSeconds: 0,
      maxConcurrency: 1,
      onBatch: (report) => reports.push(report),
      handler: async (event: SQSEvent) => {
        calls += 1;
        for (const r of event.Records) {
          attempts.set(r.body, [...(attempts.get(r.body) ?? []), r.attributes.ApproximateReceiveCount]);
        }
        if (calls === 1) throw new Error("database unavailable");
      },
    });
    try {
      await vi.waitFor(
        () => expect([...attempts.values()].filter((a) => a.length === 2).length).toBe(3),
        polling,
      );
    } finally {
      await mapping.stop();
    }
    expect(Object.fromEntries(attempts)).toEqual({ "a-1": ["1", "2"], "a-2": ["1", "2"], "a-3": ["1", "2"] });
    expect(reports[0]).toMatchObject({ size: 3, failed: 3, error: "database unavailable" });
    expect(await queueDepth(emulator.sqs, queues.queueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it("never runs more than maxConcurrency batches at once, and loses or repeats nothing under load", async () => {
    const queues = await shortVisibilityQueues();
    // Long enough for the handler below; a message reappearing mid-batch would show up as a repeat.
    const bodies = Array.from({ length: 150 }, (_, i) => `load-${i}`);
    await sendBodies(queues.queueUrl, bodies);

    const maxConcurrency = 3;
    let inFlight = 0;
    let peak = 0;
    const processed: string[] = [];
    const mapping = await startEventSourceMapping({
      ...quiet,
      sqs: emulator.sqs,
      queueUrl: queues.queueUrl,
      batchSize: 5,
      batchWindowSeconds: 0,
      maxConcurrency,
      handler: async (event: SQSEvent) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 30));
        processed.push(...event.Records.map((r) => r.body));
        inFlight -= 1;
      },
    });
    try {
      await vi.waitFor(() => expect(processed.length).toBeGreaterThanOrEqual(bodies.length), polling);
    } finally {
      await mapping.stop();
    }
    expect(peak).toBe(maxConcurrency);
    expect(processed.length).toBe(bodies.length);
    expect(new Set(processed)).toEqual(new Set(bodies));
    expect(mapping.stats()).toMatchObject({ messages: bodies.length, failed: 0, inFlight: 0 });
  });

  it("finishes the batches in flight when stopped, and deletes their messages", async () => {
    const queues = await createOrderQueues(emulator.sqs, { name: "esm-drain" });
    await sendBodies(queues.queueUrl, ["slow-1"]);
    let started = false;
    let finished = false;
    const mapping = await startEventSourceMapping({
      ...quiet,
      sqs: emulator.sqs,
      queueUrl: queues.queueUrl,
      batchWindowSeconds: 0,
      maxConcurrency: 2,
      handler: async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
      },
    });
    await vi.waitFor(() => expect(started).toBe(true), polling);
    await mapping.stop();
    expect(finished).toBe(true);
    expect(await queueDepth(emulator.sqs, queues.queueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});
