import { describe, expect, it } from "vitest";
import { batchOutcome } from "./batch-outcome";

const ids = ["a", "b", "c"];

describe("batchOutcome (Lambda's ReportBatchItemFailures rules)", () => {
  it("treats no response and an empty failure list as all succeeded", () => {
    expect(batchOutcome(ids, { ok: true, value: undefined })).toEqual({ succeeded: ids, failed: [] });
    expect(batchOutcome(ids, { ok: true, value: { batchItemFailures: [] } })).toEqual({
      succeeded: ids,
      failed: [],
    });
  });

  it("fails only the listed messages", () => {
    const outcome = batchOutcome(ids, { ok: true, value: { batchItemFailures: [{ itemIdentifier: "b" }] } });
    expect(outcome).toEqual({ succeeded: ["a", "c"], failed: ["b"] });
  });

  it("fails the whole batch on a throw, an unknown id, an empty id or a non-object response", () => {
    for (const result of [
      { ok: false as const, reason: "boom" },
      { ok: true as const, value: { batchItemFailures: [{ itemIdentifier: "zz" }] } },
      { ok: true as const, value: { batchItemFailures: [{ itemIdentifier: "" }] } },
      { ok: true as const, value: "done" },
    ]) {
      const outcome = batchOutcome(ids, result);
      expect(outcome.succeeded).toEqual([]);
      expect(outcome.failed).toEqual(ids);
      expect(outcome.wholeBatchFailed).toBeTruthy();
    }
  });
});
