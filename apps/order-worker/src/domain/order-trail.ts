import { orderFlow } from "@orders/settings";
import type { QueuedMessage } from "./queued-message";
import type { RecordResult } from "./settle-batch";

/** The ids that name one order everywhere: in the api's log, the worker's, X-Ray and the queue. */
// Type aliases, not interfaces: the logger takes records with an index signature, which only aliases satisfy.
export type OrderIds = {
  /** Absent only for a body that names no order (not JSON, or no `orderId` string). */
  orderId?: string;
  /** The request's X-Request-Id (or API Gateway's request id), as the api logged it. */
  correlation_id?: string;
  /** The X-Ray trace of the request that accepted the order (the message's trace header), when it was traced. */
  order_trace_id?: string;
};

/** One log line about one order: what the worker did with it, by the ids that follow it. */
export interface OrderTrailEntry {
  level: "info" | "warn" | "error";
  message: string;
  attributes: OrderIds & {
    outcome: "accepted" | "rejected" | "duplicate" | "failed";
    messageId: string;
    receiveCount: number;
    reason?: string;
    retryable?: boolean;
    /** This was the last receive SQS allows: the message goes to the dead-letter queue now. */
    deadLetter?: boolean;
    /** Milliseconds from the api's acceptance to the commit of this outcome (accepted and rejected orders). */
    ageMs?: number;
  };
}

/**
 * The log line for one settled message. Every outcome names the order, its correlation id and the trace it
 * came with, so one query over the api's and the worker's logs follows an order from its 202 to its commit
 * (docs/deploy.md). A failure on the last receive SQS allows (`orderFlow.maxReceiveCount`) says so: SQS
 * moves the message to the dead-letter queue instead of delivering it again, and this line is what the
 * dead-letter runbook searches for.
 */
export function orderTrailEntry(queued: QueuedMessage, result: RecordResult, now: Date): OrderTrailEntry {
  const ids = orderIds(queued);
  const { receiveCount } = queued;
  const base = { ...ids, messageId: queued.messageId, receiveCount };
  if (!result.ok) {
    const deadLetter = receiveCount >= orderFlow.maxReceiveCount;
    return {
      level: deadLetter || !result.retryable ? "error" : "warn",
      message: deadLetter
        ? "order failed for the last time: SQS moves it to the dead-letter queue"
        : "order failed: SQS delivers it again",
      attributes: {
        ...base,
        outcome: "failed",
        reason: result.reason,
        retryable: result.retryable,
        deadLetter,
      },
    };
  }
  const { outcome } = result;
  if (outcome.kind === "duplicate") {
    return {
      level: "info",
      message: "order already recorded",
      attributes: { ...base, outcome: "duplicate" },
    };
  }
  const age = orderAgeMs(queued, now);
  const committed = { ...base, ...(age === undefined ? {} : { ageMs: age }) };
  if (outcome.kind === "rejected") {
    return {
      level: "info",
      message: "order rejected",
      attributes: { ...committed, outcome: "rejected", reason: outcome.reason },
    };
  }
  return { level: "info", message: "order accepted", attributes: { ...committed, outcome: "accepted" } };
}

/**
 * The order's ids, read from whatever the message carries: the body when it parses as JSON (a poison body
 * may still name its order), else the `correlationId` message attribute the api sets on every message.
 */
export function orderIds(queued: QueuedMessage): OrderIds {
  const body = jsonObject(queued.body);
  const orderId = typeof body?.orderId === "string" ? body.orderId : undefined;
  const correlationId =
    (typeof body?.correlationId === "string" ? body.correlationId : undefined) ?? queued.correlationId;
  const trace = traceRoot(queued.traceHeader);
  return {
    ...(orderId ? { orderId } : {}),
    ...(correlationId ? { correlation_id: correlationId } : {}),
    ...(trace ? { order_trace_id: trace } : {}),
  };
}

/** Milliseconds from the order's `acceptedAt` (the api's clock) to `now`; undefined without a valid one. */
export function orderAgeMs(queued: QueuedMessage, now: Date): number | undefined {
  const acceptedAt = jsonObject(queued.body)?.acceptedAt;
  if (typeof acceptedAt !== "string") return undefined;
  const at = Date.parse(acceptedAt);
  return Number.isNaN(at) ? undefined : Math.max(0, now.getTime() - at);
}

/**
 * The trace id of an X-Ray trace header (`Root=1-…;Parent=…;Sampled=…` → `1-…`), in the form Powertools
 * logs the invocation's own trace as `xray_trace_id`.
 */
export function traceRoot(header: string | undefined): string | undefined {
  const root = header
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("Root="));
  return root ? root.slice("Root=".length) : undefined;
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
