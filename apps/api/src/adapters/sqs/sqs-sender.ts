import { createHash } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { type SqsSendSettings, sqsSend } from "@orders/settings";
import { backoffMs, classifyErrorResponse, type FailureKind, isRetryable, RetryQuota } from "./retry-policy";
import type { SqsConnection } from "./sqs-connection";
import { sqsRequestSigner } from "./sqs-request-signer";

/** One message attribute, as SQS types them. */
export interface MessageAttribute {
  dataType: "String" | "Number";
  value: string;
}

export interface SendMessageInput {
  queueUrl: string;
  body: string;
  attributes?: Record<string, MessageAttribute>;
}

/** How long the caller is willing to wait, over all attempts. */
export interface SendOptions {
  /** Aborts the send (the current attempt and any backoff); an aborted send is never retried. */
  signal?: AbortSignal;
  /** Epoch milliseconds after which no attempt starts and no attempt runs on; attempts are cut to fit. */
  deadline?: number;
}

export interface SendMessageResult {
  messageId: string;
  /** Attempts it took, the successful one included. */
  attempts: number;
}

/** The send failed for good: every attempt allowed was made, or the failure was not one to retry. */
export class SqsSendError extends Error {
  override name = "SqsSendError";
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly attempts: number,
    readonly details: { status?: number; code?: string } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface AttemptFailure {
  message: string;
  kind: FailureKind;
  details: SqsSendError["details"];
  cause?: unknown;
}

type Attempt = { ok: true; messageId: string } | { ok: false; failure: AttemptFailure };

/**
 * Sends messages to SQS with `SendMessage` over SQS's JSON protocol (AWS JSON 1.0), signed with Signature
 * Version 4 by aws4fetch, sent with Node's own `fetch`. The hot path sends one operation and needs none of the
 * AWS SDK client's generality, whose client, signer and credential chain would cost more at every cold start
 * than the rest of the API (docs/decisions/0001-hand-written-sqs-sender.md). What an SDK client does and is
 * kept here: the standard retry mode (see `retry-policy.ts` and `sqsSend` in @orders/settings), a time
 * limit per attempt, and the check of the body's MD5 that SQS returns.
 *
 * Protocol: "Making query API requests using AWS JSON protocol in Amazon SQS",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html
 */
export class SqsSender {
  private readonly quota: RetryQuota;

  constructor(
    private readonly connection: SqsConnection,
    private readonly settings: SqsSendSettings = sqsSend,
    private readonly random: () => number = Math.random,
  ) {
    this.quota = new RetryQuota(settings.retryQuota);
  }

  /**
   * Puts one message on a queue, retrying throttling, 5xx, network errors and timed-out attempts with
   * jittered exponential backoff. Throws SqsSendError when the message was not taken.
   */
  async sendMessage(input: SendMessageInput, options: SendOptions = {}): Promise<SendMessageResult> {
    const body = JSON.stringify(sendMessageRequest(input));
    const bodyMd5 = createHash("md5").update(input.body).digest("hex");
    let lastRetryCost: number | undefined;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(body, bodyMd5, options);
      if (outcome.ok) {
        this.quota.release(lastRetryCost);
        return { messageId: outcome.messageId, attempts: attempt };
      }
      const { message, kind, details } = outcome.failure;
      const fail = (why: string) =>
        new SqsSendError(`${message}${why}`, kind, attempt, details, { cause: outcome.failure.cause });
      if (!isRetryable(kind)) throw fail("");
      if (attempt >= this.settings.maxAttempts) throw fail(` (after ${attempt} attempts)`);
      const wait = backoffMs(kind, attempt, this.settings, this.random);
      if (options.deadline !== undefined && Date.now() + wait >= options.deadline) {
        throw fail(" (no time left for another attempt)");
      }
      const cost = this.quota.acquire(kind);
      if (cost === undefined) throw fail(" (retry quota spent: SQS has been failing for this container)");
      lastRetryCost = cost;
      try {
        await delay(wait, undefined, { signal: options.signal });
      } catch (error) {
        throw new SqsSendError("The send was aborted by its caller", "aborted", attempt, details, {
          cause: error,
        });
      }
    }
  }

  private async attempt(body: string, bodyMd5: string, options: SendOptions): Promise<Attempt> {
    const limit = Math.min(this.settings.attemptTimeoutMs, (options.deadline ?? Infinity) - Date.now());
    const timeout = AbortSignal.timeout(Math.max(0, limit));
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const failed = (message: string, kind: FailureKind, details = {}, cause?: unknown): Attempt => ({
      ok: false,
      failure: { message, kind, details, cause },
    });
    try {
      // Signed per attempt: the signature covers the time it was made.
      const signed = await sqsRequestSigner(this.connection, "SendMessage", body).sign();
      const response = await fetch(signed.url, { method: "POST", headers: signed.headers, body, signal });
      const text = await response.text();
      if (!response.ok) {
        const code = errorCode(response.headers, text);
        const kind = classifyErrorResponse(response.status, code);
        return failed(`SQS refused the message: HTTP ${response.status} ${code ?? ""}`.trim(), kind, {
          status: response.status,
          ...(code ? { code } : {}),
        });
      }
      const answer = parseJson(text) as { MessageId?: unknown; MD5OfMessageBody?: unknown } | undefined;
      if (typeof answer?.MessageId !== "string")
        return failed("SQS answered without a MessageId", "permanent");
      if (answer.MD5OfMessageBody !== bodyMd5) {
        return failed("SQS's MD5 of the message body does not match what was sent", "permanent");
      }
      return { ok: true, messageId: answer.MessageId };
    } catch (error) {
      if (options.signal?.aborted) return failed("The send was aborted by its caller", "aborted", {}, error);
      if (timeout.aborted) return failed(`No answer from SQS within ${limit} ms`, "timeout", {}, error);
      return failed("SQS could not be reached", "transient", {}, error);
    }
  }
}

function sendMessageRequest(input: SendMessageInput) {
  return {
    QueueUrl: input.queueUrl,
    MessageBody: input.body,
    ...(input.attributes && {
      MessageAttributes: Object.fromEntries(
        Object.entries(input.attributes).map(([name, a]) => [
          name,
          { DataType: a.dataType, StringValue: a.value },
        ]),
      ),
    }),
  };
}

/**
 * The AWS error code of an error answer: `x-amzn-errortype` or the body's `__type`
 * (`com.amazonaws.sqs#QueueDoesNotExist` → `QueueDoesNotExist`).
 */
function errorCode(headers: Headers, text: string): string | undefined {
  const body = parseJson(text) as { __type?: unknown; code?: unknown } | undefined;
  const raw = headers.get("x-amzn-errortype") ?? body?.__type ?? body?.code;
  if (typeof raw !== "string" || raw === "") return undefined;
  return raw.split(":")[0]?.split("#").at(-1);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
