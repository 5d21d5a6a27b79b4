import type { StageProfile } from "./stage-profile";

/**
 * Default quotas of a new account, per region: "Amazon VPC quotas"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html) lists 5 VPCs per region (the
 * default VPC, where it still exists, is one of them) and 5 Elastic IP addresses per region.
 */
export const networkQuotas = { vpcsPerRegion: 5, elasticIpsPerRegion: 5 } as const;

/** The CIDR block SST's `Vpc` component gives every VPC it creates. */
export const vpcCidr = "10.0.0.0/16";

/** AWS APIs the functions in the private subnets call (api, reporting: SQS; migrator: Secrets Manager). */
export const privateApiServices = ["sqs", "secretsmanager"] as const;

/** How a deployed stage's VPC reaches AWS APIs and the operator. */
export interface NetworkPlan {
  /**
   * `managed`: a NAT gateway per AZ (one Elastic IP each). `none`: no way out to the internet; the private
   * subnets reach the AWS APIs the functions call through interface endpoints.
   */
  nat: "managed" | "ec2" | "none";
  /** Interface endpoints (`com.amazonaws.<region>.<service>`), in one subnet: `[]` with a NAT. */
  endpoints: readonly string[];
  /** A bastion instance an operator reaches with SSM Session Manager (never SSH from the internet). */
  bastion: boolean;
  /** What the stage takes from the per-region quotas. */
  uses: { vpcs: number; elasticIps: number };
}

/**
 * The network of a deployed stage. Production: a NAT gateway per AZ and a bastion for operators. Personal
 * stages: no NAT and no bastion, so they take no Elastic IP and one VPC; `sst dev` builds no VPC at all
 * (functions run on the developer's machine against the local database).
 */
export function networkPlan(profile: Pick<StageProfile, "nat" | "availabilityZones">): NetworkPlan {
  const zones = profile.availabilityZones;
  switch (profile.nat) {
    case "managed":
      return { nat: "managed", endpoints: [], bastion: true, uses: { vpcs: 1, elasticIps: zones } };
    case "ec2":
      // NAT instances double as the bastion (SST); each holds an Elastic IP.
      return { nat: "ec2", endpoints: [], bastion: true, uses: { vpcs: 1, elasticIps: zones } };
    case "none":
      return { nat: "none", endpoints: privateApiServices, bastion: false, uses: { vpcs: 1, elasticIps: 0 } };
  }
}

/** What a stage takes from the region's quotas, and how many such stages one account and region holds. */
export interface QuotaFit {
  uses: { vpcs: number; elasticIps: number };
  quotas: typeof networkQuotas;
  /** Stages of this kind that fit a region of a new account (VPCs or Elastic IPs run out first). */
  stagesPerRegion: number;
  /** The same with the account's default VPC still in place (it takes one of the 5 VPCs). */
  stagesPerRegionWithDefaultVpc: number;
}

export function quotaFit(uses: { vpcs: number; elasticIps: number }): QuotaFit {
  const stagesWithin = (vpcs: number) =>
    Math.min(
      uses.vpcs === 0 ? Number.POSITIVE_INFINITY : Math.floor(vpcs / uses.vpcs),
      uses.elasticIps === 0
        ? Number.POSITIVE_INFINITY
        : Math.floor(networkQuotas.elasticIpsPerRegion / uses.elasticIps),
    );
  return {
    uses,
    quotas: networkQuotas,
    stagesPerRegion: stagesWithin(networkQuotas.vpcsPerRegion),
    stagesPerRegionWithDefaultVpc: stagesWithin(networkQuotas.vpcsPerRegion - 1),
  };
}
