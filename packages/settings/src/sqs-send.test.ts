import { describe, expect, it } from "vitest";
import { sqsSend, worstCaseSendMs } from "./sqs-send";

describe("SQS send settings", () => {
  it("let every attempt and backoff end before API Gateway's 29 s integration timeout", () => {
    expect(worstCaseSendMs(sqsSend)).toBe(3 * 2_000 + 2 * 1_000);
    expect(worstCaseSendMs(sqsSend)).toBeLessThan(29_000);
  });

  it("back off at least as long after throttling as after other failures", () => {
    expect(sqsSend.throttlingBackoffBaseMs).toBeGreaterThanOrEqual(sqsSend.backoffBaseMs);
    expect(sqsSend.maxBackoffMs).toBeGreaterThanOrEqual(sqsSend.throttlingBackoffBaseMs);
  });
});
