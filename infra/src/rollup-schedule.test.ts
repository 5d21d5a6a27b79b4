import { describe, expect, it } from "vitest";
import { functionSpecs } from "./functions";
import { scheduleMinutes } from "./plan/monthly-cost";
import { rollupRetry } from "./rollup-schedule";
import { stageProfile } from "./stage-profile";

describe("the rollup schedule's retries", () => {
  it("retry until the next scheduled run, within what AWS allows", () => {
    for (const stage of ["production", "alice"]) {
      const profile = stageProfile(stage);
      const retry = rollupRetry(profile);
      const interval = scheduleMinutes(profile.rollupSchedule) * 60;
      expect(retry.scheduleMaximumEventAgeSeconds).toBe(interval);
      expect(retry.functionMaximumEventAgeSeconds).toBe(interval);
      expect(retry.scheduleRetries).toBeGreaterThan(0);
      expect(retry.scheduleRetries).toBeLessThanOrEqual(185);
      expect(retry.functionRetries).toBeGreaterThan(0);
      expect(retry.functionRetries).toBeLessThanOrEqual(2);
      for (const age of [retry.scheduleMaximumEventAgeSeconds, retry.functionMaximumEventAgeSeconds]) {
        expect(age).toBeGreaterThanOrEqual(60);
      }
      // A run fits in the window, so a retried run can finish before the next one starts.
      expect(functionSpecs.rollup.timeoutSeconds).toBeLessThan(retry.functionMaximumEventAgeSeconds);
    }
  });
});
