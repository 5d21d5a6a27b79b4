import { sqsSend } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { backoffMs, classifyErrorResponse, isRetryable, RetryQuota } from "./retry-policy";

describe("SQS retry policy (the SDK's standard mode)", () => {
  it("sorts answers into throttling, transient and permanent", () => {
    expect(classifyErrorResponse(400, "ThrottlingException")).toBe("throttling");
    expect(classifyErrorResponse(403, "RequestThrottled")).toBe("throttling");
    expect(classifyErrorResponse(429, undefined)).toBe("throttling");
    for (const status of [500, 502, 503, 504])
      expect(classifyErrorResponse(status, "InternalFailure")).toBe("transient");
    expect(classifyErrorResponse(400, "RequestTimeout")).toBe("transient");
    expect(classifyErrorResponse(400, "QueueDoesNotExist")).toBe("permanent");
    expect(classifyErrorResponse(403, "InvalidSignatureException")).toBe("permanent");
    expect(classifyErrorResponse(501, undefined)).toBe("permanent");
  });

  it("retries throttling, transient failures and timeouts, never a permanent or an aborted one", () => {
    expect(["throttling", "transient", "timeout"].every((k) => isRetryable(k as never))).toBe(true);
    expect(isRetryable("permanent")).toBe(false);
    expect(isRetryable("aborted")).toBe(false);
  });

  it("backs off with full jitter below an exponential bound, longer after throttling, capped", () => {
    const max = () => 0.999_999;
    expect(backoffMs("transient", 1, sqsSend, max)).toBe(99);
    expect(backoffMs("transient", 2, sqsSend, max)).toBe(199);
    expect(backoffMs("throttling", 1, sqsSend, max)).toBe(499);
    expect(backoffMs("throttling", 2, sqsSend, max)).toBe(sqsSend.maxBackoffMs - 1);
    expect(backoffMs("throttling", 9, sqsSend, max)).toBe(sqsSend.maxBackoffMs - 1);
    expect(backoffMs("throttling", 2, sqsSend, () => 0)).toBe(0);
    // Jitter: the wait is spread over the whole interval, not a fixed value.
    const waits = new Set(Array.from({ length: 50 }, () => backoffMs("transient", 2, sqsSend)));
    expect(waits.size).toBeGreaterThan(10);
    for (const wait of waits) expect(wait).toBeLessThan(200);
  });

  it("stops retrying when the quota is spent and refills it on success", () => {
    const quota = new RetryQuota({ capacity: 20, retryCost: 5, timeoutRetryCost: 10, successRefund: 1 });
    expect(quota.acquire("timeout")).toBe(10);
    expect(quota.acquire("transient")).toBe(5);
    expect(quota.acquire("throttling")).toBe(5);
    expect(quota.available).toBe(0);
    expect(quota.acquire("transient")).toBeUndefined();
    quota.release(5);
    expect(quota.available).toBe(5);
    quota.release(undefined);
    expect(quota.available).toBe(6);
    for (let i = 0; i < 100; i++) quota.release(10);
    expect(quota.available).toBe(20);
  });
});
