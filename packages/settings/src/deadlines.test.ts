import { describe, expect, it } from "vitest";
import { deadlineProblems, deadlines, type FunctionTimeouts } from "./deadlines";
import { sqsSend, worstCaseSendMs } from "./sqs-send";

const timeouts: FunctionTimeouts = {
  apiSeconds: 10,
  reportingHttpSeconds: 15,
  workerSeconds: 30,
  rollupSeconds: 120,
  rollupScheduleMinutes: 5,
};

describe("deadlines", () => {
  it("fit the functions' timeouts as deployed", () => {
    expect(deadlineProblems(timeouts)).toEqual([]);
  });

  it("answer every HTTP request in under 10 s, well before API Gateway's limit", () => {
    for (const ms of [
      deadlines.apiDatabaseReadMs,
      deadlines.apiQueueSendMs,
      deadlines.reportingDatabaseReadMs,
      deadlines.reportingQueueDepthMs,
    ]) {
      expect(ms + deadlines.answerSlackMs).toBeLessThan(10_000);
    }
  });

  it("leave room for more than one SQS attempt inside the send deadline", () => {
    expect(sqsSend.attemptTimeoutMs * 2).toBeLessThanOrEqual(deadlines.apiQueueSendMs);
    // The deadline, not the worst case of the retry settings, bounds the send.
    expect(worstCaseSendMs(sqsSend)).toBeGreaterThan(deadlines.apiQueueSendMs);
  });

  it("name a function timeout that a deadline outlives", () => {
    expect(deadlineProblems({ ...timeouts, apiSeconds: 5 }).join()).toMatch(/apiQueueSendMs/);
    expect(deadlineProblems({ ...timeouts, reportingHttpSeconds: 4 }).join()).toMatch(
      /reportingDatabaseReadMs/,
    );
    expect(deadlineProblems({ ...timeouts, apiSeconds: 30 }).join()).toMatch(/API Gateway/);
    expect(deadlineProblems(timeouts, { ...deadlines, apiIdempotencyLookupMs: 5_000 }).join()).toMatch(
      /apiIdempotencyLookupMs/,
    );
    expect(deadlineProblems({ ...timeouts, workerSeconds: 12 }).join()).toMatch(/borrow timeout/);
    expect(deadlineProblems({ ...timeouts, rollupSeconds: 60 }).join()).toMatch(/rollup's statements/);
    expect(deadlineProblems({ ...timeouts, rollupScheduleMinutes: 1 }).join()).toMatch(/next one/);
  });

  it("let the rollup's lock wait end before its statement timeout", () => {
    const problems = deadlineProblems(timeouts, { ...deadlines, rollupLockTimeoutMs: 60_000 });
    expect(problems.join()).toMatch(/rollupLockTimeoutMs/);
  });
});
