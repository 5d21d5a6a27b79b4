import { describe, expect, it } from "vitest";
import { networkPlan, networkQuotas, quotaFit } from "./network-plan";
import { stageProfile } from "./stage-profile";

describe("networkPlan", () => {
  it("gives personal stages no NAT, no bastion and no Elastic IP, with endpoints for the APIs they call", () => {
    expect(networkPlan(stageProfile("alice"))).toEqual({
      nat: "none",
      endpoints: ["sqs", "secretsmanager"],
      bastion: false,
      uses: { vpcs: 1, elasticIps: 0 },
    });
  });

  it("gives production a NAT gateway (one Elastic IP) per AZ and a bastion", () => {
    const profile = stageProfile("production");
    expect(networkPlan(profile)).toEqual({
      nat: "managed",
      endpoints: [],
      bastion: true,
      uses: { vpcs: 1, elasticIps: profile.availabilityZones },
    });
  });
});

describe("quotaFit", () => {
  it("counts the stages one region holds by whichever quota runs out first", () => {
    expect(networkQuotas).toEqual({ vpcsPerRegion: 5, elasticIpsPerRegion: 5 });
    // Two Elastic IPs a stage (a NAT per AZ): two stages, the third fails.
    expect(quotaFit({ vpcs: 1, elasticIps: 2 })).toMatchObject({
      stagesPerRegion: 2,
      stagesPerRegionWithDefaultVpc: 2,
    });
    expect(quotaFit({ vpcs: 1, elasticIps: 0 })).toMatchObject({
      stagesPerRegion: 5,
      stagesPerRegionWithDefaultVpc: 4,
    });
    expect(quotaFit({ vpcs: 0, elasticIps: 0 }).stagesPerRegion).toBe(Number.POSITIVE_INFINITY);
  });
});
