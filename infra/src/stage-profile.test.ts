import { describe, expect, it } from "vitest";
import { productionStage, reportingReadEndpoint, stageProfile } from "./stage-profile";

describe("production", () => {
  const profile = stageProfile(productionStage);

  it("keeps its data and refuses removal", () => {
    expect(profile).toMatchObject({ production: true, removal: "retain", protect: true });
    expect(profile.aurora.deletionProtection).toBe(true);
    expect(profile.seedDemoCatalogue).toBe(false);
  });

  it("keeps a reader: the reports read through the read-only proxy endpoint, off the writer", () => {
    expect(profile.aurora.replicas).toBe(1);
    expect(reportingReadEndpoint(profile)).toBe("read-only");
  });

  it("keeps a capacity floor (never pauses) and a managed NAT", () => {
    expect(profile.aurora.minAcu).toBeGreaterThanOrEqual(0.5);
    expect(profile.nat).toBe("managed");
  });
});

describe.each(["alice", "pr-42", "ci"])("stage %s", (stage) => {
  const profile = stageProfile(stage);

  it("is removable and cheap", () => {
    expect(profile).toMatchObject({ production: false, removal: "remove", protect: false, nat: "ec2" });
    expect(profile.aurora.deletionProtection).toBe(false);
    expect(profile.aurora.proxyMaxIdleConnectionsPercent).toBe(0);
  });

  it("runs no reader: the reports read through the proxy's default endpoint", () => {
    expect(profile.aurora.replicas).toBe(0);
    expect(reportingReadEndpoint(profile)).toBe("default");
  });

  it("claims no pause the proxy prevents: its floor is the lowest running capacity", () => {
    expect(profile.aurora.minAcu).toBe(0.5);
    expect(profile.aurora).not.toHaveProperty("pauseAfter");
  });
});

describe("every stage", () => {
  it.each([productionStage, "alice"])("%s has bounded capacity and functions", (stage) => {
    const profile = stageProfile(stage);
    expect(profile.aurora.maxAcu).toBeGreaterThanOrEqual(profile.aurora.minAcu);
    expect(profile.apiThrottle.burstLimit).toBeGreaterThanOrEqual(profile.apiThrottle.rateLimit);
    for (const reserved of Object.values(profile.reservedConcurrency)) expect(reserved).toBeGreaterThan(0);
    expect(profile.reservedConcurrency.rollup).toBe(1);
  });
});
