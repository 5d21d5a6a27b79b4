import { describe, expect, it } from "vitest";
import { positiveIntFromEnv, queueUrlsFromEnv } from "./config";

describe("configuration from the environment", () => {
  it("reads both queue URLs and names the missing ones", () => {
    expect(queueUrlsFromEnv({ ORDERS_QUEUE_URL: "q", ORDERS_DLQ_URL: "d" })).toEqual({
      orders: "q",
      deadLetter: "d",
    });
    expect(() => queueUrlsFromEnv({ ORDERS_QUEUE_URL: "q" })).toThrow(/ORDERS_DLQ_URL/);
    expect(() => queueUrlsFromEnv({})).toThrow(/ORDERS_QUEUE_URL, ORDERS_DLQ_URL/);
  });

  it("takes positive whole numbers, the default when unset, and refuses the rest", () => {
    expect(positiveIntFromEnv("REPORTING_PORT", 3001, {})).toBe(3001);
    expect(positiveIntFromEnv("REPORTING_PORT", 3001, { REPORTING_PORT: "4100" })).toBe(4100);
    for (const bad of ["0", "-1", "1.5", "sixty"]) {
      expect(() =>
        positiveIntFromEnv("REPORTING_SCHEDULE_SECONDS", 60, { REPORTING_SCHEDULE_SECONDS: bad }),
      ).toThrow(/REPORTING_SCHEDULE_SECONDS/);
    }
  });
});
