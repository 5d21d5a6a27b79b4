import { describe, expect, it } from "vitest";
import { productionStage, stageProfile } from "./stage-profile";

/** Minutes of a `rate(N minute(s)|hour(s))` expression. */
function rateMinutes(expression: string): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours)\)$/.exec(expression);
  if (!match) throw new Error(`unexpected schedule ${expression}`);
  return Number(match[1]) * (match[2]?.startsWith("hour") ? 60 : 1);
}

describe("production", () => {
  const profile = stageProfile(productionStage);

  it("keeps its data and refuses removal", () => {
    expect(profile).toMatchObject({ production: true, removal: "retain", protect: true });
    expect(profile.aurora.deletionProtection).toBe(true);
    expect(profile.seedDemoCatalogue).toBe(false);
  });

  it("keeps a capacity floor (never pauses) and a managed NAT", () => {
    expect(profile.aurora.minAcu).toBeGreaterThanOrEqual(0.5);
    expect(profile.aurora.pauseAfter).toBeUndefined();
    expect(profile.nat).toBe("managed");
  });
});

describe.each(["alice", "pr-42", "ci"])("stage %s", (stage) => {
  const profile = stageProfile(stage);

  it("is removable and cheap", () => {
    expect(profile).toMatchObject({ production: false, removal: "remove", protect: false, nat: "ec2" });
    expect(profile.aurora.minAcu).toBe(0);
    expect(profile.aurora.deletionProtection).toBe(false);
    // Idle proxy connections would keep the instance from pausing.
    expect(profile.aurora.proxyMaxIdleConnectionsPercent).toBe(0);
  });

  it("lets the database pause: the rollup runs less often than the pause delay", () => {
    const pause = Number.parseInt(profile.aurora.pauseAfter ?? "", 10);
    expect(pause).toBeGreaterThanOrEqual(5);
    expect(rateMinutes(profile.rollupSchedule)).toBeGreaterThan(pause);
  });
});

describe("every stage", () => {
  it.each([productionStage, "alice"])(
    "%s has a reader for the read-only proxy endpoint and bounded functions",
    (stage) => {
      const profile = stageProfile(stage);
      expect(profile.aurora.replicas).toBeGreaterThanOrEqual(1);
      expect(profile.aurora.maxAcu).toBeGreaterThanOrEqual(profile.aurora.minAcu);
      expect(profile.apiThrottle.burstLimit).toBeGreaterThanOrEqual(profile.apiThrottle.rateLimit);
      for (const reserved of Object.values(profile.reservedConcurrency)) expect(reserved).toBeGreaterThan(0);
      expect(profile.reservedConcurrency.rollup).toBe(1);
    },
  );
});
