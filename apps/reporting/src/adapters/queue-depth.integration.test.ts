import { ReceiveMessageCommand, SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { silentLogger } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedApp } from "../testing/reporting-contract";
import { type ReportingHarness, startReportingHarness } from "../testing/reporting-harness";
import { postgresReportReader, sqsQueueDepthReader } from "./readers";
import { reportingSqsClient } from "./sqs-client";

let h: ReportingHarness;

beforeAll(async () => {
  h = await startReportingHarness("queue");
});

afterAll(async () => {
  await h?.close();
});

async function send(queueUrl: string, count: number, delaySeconds = 0) {
  await h.queues.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: Array.from({ length: count }, (_, i) => ({
        Id: `m${i}`,
        MessageBody: JSON.stringify({ n: i }),
        DelaySeconds: delaySeconds,
      })),
    }),
  );
}

describe("GET /reports/queue", () => {
  it("reports waiting, in-flight and delayed messages of the orders queue and its DLQ from SQS", async () => {
    const empty = await h.app.request("/reports/queue", {}, signedInAs("s-1", { staff: true }));
    expect(await empty.json()).toEqual({
      orders: { visible: 0, inFlight: 0, delayed: 0 },
      deadLetter: { visible: 0, inFlight: 0, delayed: 0 },
    });

    await send(h.queues.urls.orders, 5);
    await send(h.queues.urls.orders, 1, 900);
    await send(h.queues.urls.deadLetter, 2);
    const received = await h.queues.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: h.queues.urls.orders,
        MaxNumberOfMessages: 2,
        VisibilityTimeout: 600,
      }),
    );
    expect(received.Messages).toHaveLength(2);

    const response = await h.app.request("/reports/queue", {}, signedInAs("s-1", { staff: true }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      orders: { visible: 3, inFlight: 2, delayed: 1 },
      deadLetter: { visible: 2, inFlight: 0, delayed: 0 },
    });
  });

  it("answers 503 problem+json when SQS cannot be read", async () => {
    const sqs = reportingSqsClient();
    try {
      const app = checkedApp({
        reports: postgresReportReader(() => h.reporting.sql),
        queues: sqsQueueDepthReader(() => sqs, {
          orders: h.queues.urls.orders.replace(/orders$/, "no-such-queue"),
          deadLetter: h.queues.urls.deadLetter,
        }),
        logger: silentLogger(),
      });
      const response = await app.request("/reports/queue", {}, signedInAs("s-1", { staff: true }));
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({
        status: 503,
        type: expect.stringMatching(/queue-unavailable$/),
      });
    } finally {
      sqs.destroy();
    }
  });
});
