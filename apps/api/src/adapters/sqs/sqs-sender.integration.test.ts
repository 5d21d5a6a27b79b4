import { type SqsSendSettings, sqsSend } from "@orders/settings";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FaultySqsRelay, startFaultySqsRelay } from "../../testing/faulty-sqs-relay";
import { type LocalQueue, startLocalQueue } from "../../testing/local-queue";
import { sqsConnectionFromEnv } from "./sqs-connection";
import { type SendMessageInput, SqsSender } from "./sqs-sender";
import { lambdaTraceHeader } from "./trace-header";

describe("SQS sender against the emulator, with faults injected in front of it", () => {
  let queue: LocalQueue;
  let relay: FaultySqsRelay;
  beforeAll(async () => {
    queue = await startLocalQueue();
    relay = await startFaultySqsRelay(queue.local.endpoint);
  });
  afterAll(async () => {
    await relay?.stop();
    await queue?.stop();
  });
  beforeEach(async () => {
    relay.reset();
    await queue.drain();
  });

  /** A sender through the relay, with Lambda-style temporary credentials and short time limits. */
  const sender = (settings: Partial<SqsSendSettings> = {}) =>
    new SqsSender(
      sqsConnectionFromEnv({
        ...queue.local.env(),
        AWS_ENDPOINT_URL_SQS: relay.endpoint,
        AWS_SESSION_TOKEN: "session-token",
      }),
      { ...sqsSend, attemptTimeoutMs: 500, ...settings },
    );
  const message = (body = `{"n":${Math.random()}}`): SendMessageInput => ({
    queueUrl: queue.queueUrl,
    body,
    attributes: {
      correlationId: { dataType: "String", value: "corr-1" },
      schemaVersion: { dataType: "Number", value: "1" },
    },
  });
  const bodies = async () => (await queue.receive(10, 0)).map((m) => m.Body);

  it("puts the message with its attributes on the queue, signed with the session token", async () => {
    const sent = message('{"orderId":"ü ☃"}');
    const result = await sender().sendMessage(sent);
    expect(result.attempts).toBe(1);
    const [received, ...more] = await queue.receive(10, 0);
    expect(more).toEqual([]);
    expect(received?.MessageId).toBe(result.messageId);
    expect(received?.Body).toBe('{"orderId":"ü ☃"}');
    expect(received?.MessageAttributes?.correlationId).toMatchObject({
      DataType: "String",
      StringValue: "corr-1",
    });
    expect(received?.MessageAttributes?.schemaVersion).toMatchObject({
      DataType: "Number",
      StringValue: "1",
    });
    const headers = relay.seen[0]?.headers;
    expect(headers?.["x-amz-target"]).toBe("AmazonSQS.SendMessage");
    expect(headers?.["content-type"]).toBe("application/x-amz-json-1.0");
    expect(headers?.["x-amz-security-token"]).toBe("session-token");
    expect(headers?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/sqs\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token;x-amz-target, /,
    );
  });

  it("passes the Lambda invocation's trace header on every attempt, outside the signature", async () => {
    const trace = "Root=1-67891233-abcdef012345678912345678;Parent=463ac35c9f6413ad;Sampled=1";
    const env = { AWS_LAMBDA_FUNCTION_NAME: "orders-api", _X_AMZN_TRACE_ID: trace };
    const traced = new SqsSender(
      sqsConnectionFromEnv({ ...queue.local.env(), AWS_ENDPOINT_URL_SQS: relay.endpoint }),
      { ...sqsSend, attemptTimeoutMs: 500 },
      Math.random,
      () => lambdaTraceHeader(env),
    );
    relay.plan("throttle");
    const sent = message();
    expect((await traced.sendMessage(sent)).attempts).toBe(2);
    expect(relay.seen.map((request) => request.headers["x-amzn-trace-id"])).toEqual([trace, trace]);
    for (const request of relay.seen) {
      expect(request.headers.authorization).toMatch(/SignedHeaders=host;x-amz-date;x-amz-target, /);
    }
    expect(await bodies()).toEqual([sent.body]);

    // Outside Lambda (the local server, tests) there is no invocation to trace: no header.
    relay.reset();
    await sender().sendMessage(message());
    expect(relay.seen[0]?.headers["x-amzn-trace-id"]).toBeUndefined();
  });

  it("retries throttling until SQS takes the message, once", async () => {
    relay.plan("throttle", "throttle");
    const sent = message();
    const result = await sender().sendMessage(sent);
    expect(result.attempts).toBe(3);
    expect(relay.seen).toHaveLength(3);
    expect(await bodies()).toEqual([sent.body]);
  });

  it("retries 5xx answers and dropped connections", async () => {
    relay.plan(503, "reset", 500);
    const sent = message();
    const result = await sender({ maxAttempts: 4 }).sendMessage(sent);
    expect(result.attempts).toBe(4);
    expect(await bodies()).toEqual([sent.body]);
  });

  it("abandons an attempt that outlives its time limit and tries again", async () => {
    relay.plan("hang");
    const sent = message();
    const started = Date.now();
    const result = await sender({ attemptTimeoutMs: 300 }).sendMessage(sent);
    expect(result.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await bodies()).toEqual([sent.body]);
  });

  it("gives up after the last attempt, naming the last failure", async () => {
    relay.plan(500, 502, 503);
    const error = await sender()
      .sendMessage(message())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "SqsSendError",
      kind: "transient",
      attempts: 3,
      details: { status: 503 },
    });
    expect(relay.seen).toHaveLength(3);
    expect(await bodies()).toEqual([]);
  });

  it("does not retry what retrying cannot change", async () => {
    const missing = { ...message(), queueUrl: `${queue.local.endpoint}/000000000000/no-such-queue` };
    const error = await sender()
      .sendMessage(missing)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "permanent", attempts: 1, details: { status: 400 } });
    expect(relay.seen).toHaveLength(1);
  });

  it("refuses an answer whose MD5 of the body is not the MD5 of what was sent", async () => {
    relay.plan("bad-md5");
    const error = await sender()
      .sendMessage(message())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SqsSendError", kind: "permanent", attempts: 1 });
    expect(String((error as Error).message)).toMatch(/MD5/);
  });

  it("stops at once when its caller aborts, and starts no attempt after a deadline", async () => {
    relay.plan("hang");
    const aborted = await sender({ attemptTimeoutMs: 5_000 })
      .sendMessage(message(), { signal: AbortSignal.timeout(150) })
      .catch((e: unknown) => e);
    expect(aborted).toMatchObject({ kind: "aborted", attempts: 1 });
    expect(relay.seen).toHaveLength(1);

    relay.plan("hang");
    const started = Date.now();
    const late = await sender({ attemptTimeoutMs: 5_000 })
      .sendMessage(message(), { deadline: Date.now() + 200 })
      .catch((e: unknown) => e);
    // The attempt was cut to the time left, and no second one started with nothing left.
    expect(late).toMatchObject({ kind: "timeout", attempts: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(relay.seen).toHaveLength(2);
    expect(await bodies()).toEqual([]);
  });

  it("stops retrying once failures have spent the container's retry quota", async () => {
    const s = sender({ retryQuota: { capacity: 5, retryCost: 5, timeoutRetryCost: 10, successRefund: 1 } });
    relay.plan(503, 503, 503);
    const first = await s.sendMessage(message()).catch((e: unknown) => e);
    expect(first).toMatchObject({ kind: "transient", attempts: 2 });
    const second = await s.sendMessage(message()).catch((e: unknown) => e);
    expect(second).toMatchObject({ kind: "transient", attempts: 1 });
    expect(relay.seen).toHaveLength(3);
  });
});
