/**
 * Everything that differs between a personal/dev stage and production, decided in one place so the budget
 * test, the docs and `sst.config.ts` read the same numbers.
 */
export interface StageProfile {
  stage: string;
  production: boolean;
  /** SST app removal policy: production keeps its data when the stage is removed. */
  removal: "retain" | "remove";
  /** Refuse `sst remove` on this stage. */
  protect: boolean;
  /** `ec2`: a small NAT instance per AZ (a few dollars a month); `managed`: a NAT gateway per AZ. */
  nat: "ec2" | "managed";
  /** Availability zones of the VPC (its private subnets, NATs; Aurora needs at least two). */
  availabilityZones: number;
  aurora: {
    /**
     * Capacity floor of each instance. Never 0: RDS Proxy keeps monitoring connections open, and AWS lists
     * it among the features that keep Aurora Serverless v2 from pausing ("Scaling to zero ACUs with
     * automatic pause and resume for Aurora Serverless v2",
     * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html),
     * so every stage with the proxy idles at its floor; 0.5 is the lowest running capacity.
     */
    minAcu: number;
    maxAcu: number;
    /**
     * Reader instances. With one or more, the reporting dashboard reads through the proxy's READ_ONLY
     * endpoint, on a reader, so reports never compete with order writes (AWS refuses that endpoint without
     * a reader). With none, it reads through the proxy's default endpoint as the same `orders_reporting`
     * role, whose grants keep the write model read-only to it (as under `sst dev` and `npm start`). See
     * {@link reportingReadEndpoint}.
     */
    replicas: number;
    /**
     * Idle back-end connections RDS Proxy keeps open, as a share of max_connections. Dev stages keep none:
     * their load does not need a warm pool.
     */
    proxyMaxIdleConnectionsPercent: number;
    /** Days of automated backups. */
    backupRetentionDays: number;
    deletionProtection: boolean;
  };
  /** Reserved concurrency: a hard cap on instances, hence on database connections (see connection-budget). */
  reservedConcurrency: { api: number; reportingHttp: number; rollup: number };
  /** HTTP API stage throttling (requests per second, burst). */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** How often the reporting rollup runs (EventBridge Scheduler expression). */
  rollupSchedule: `rate(${string})`;
  /** CloudWatch Logs retention for every function. */
  logRetention: "1 week" | "1 month";
  /** The deploy migrator loads the demo catalogue (never in production). */
  seedDemoCatalogue: boolean;
}

/** The stage name that gets the production profile. */
export const productionStage = "production";

/**
 * Profile for a stage. Every non-production stage (a developer's personal stage, `ci`, a preview) is as
 * cheap as the production architecture allows: NAT instances, one database instance (no reader) at its
 * 0.5 ACU floor when idle (with the proxy it cannot pause; docs/capacity.md gives the idle cost of each
 * stage kind), the rollup hourly, small reserved concurrency. Production keeps a reader: failover, and the
 * reports off the writer.
 */
export function stageProfile(stage: string): StageProfile {
  if (stage === productionStage) {
    return {
      stage,
      production: true,
      removal: "retain",
      protect: true,
      nat: "managed",
      availabilityZones: 2,
      aurora: {
        minAcu: 1,
        maxAcu: 16,
        replicas: 1,
        proxyMaxIdleConnectionsPercent: 10,
        backupRetentionDays: 7,
        deletionProtection: true,
      },
      reservedConcurrency: { api: 50, reportingHttp: 5, rollup: 1 },
      apiThrottle: { rateLimit: 500, burstLimit: 1000 },
      rollupSchedule: "rate(5 minutes)",
      logRetention: "1 month",
      seedDemoCatalogue: false,
    };
  }
  return {
    stage,
    production: false,
    removal: "remove",
    protect: false,
    nat: "ec2",
    availabilityZones: 2,
    aurora: {
      minAcu: 0.5,
      maxAcu: 4,
      replicas: 0,
      proxyMaxIdleConnectionsPercent: 0,
      backupRetentionDays: 1,
      deletionProtection: false,
    },
    reservedConcurrency: { api: 10, reportingHttp: 2, rollup: 1 },
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    rollupSchedule: "rate(60 minutes)",
    logRetention: "1 week",
    seedDemoCatalogue: true,
  };
}

/**
 * Which RDS Proxy endpoint the reporting dashboard reads through: the READ_ONLY endpoint when the stage
 * has a reader, else the proxy's default endpoint (the writer). The rollup always writes through the
 * default endpoint.
 */
export function reportingReadEndpoint(profile: Pick<StageProfile, "aurora">): "read-only" | "default" {
  return profile.aurora.replicas > 0 ? "read-only" : "default";
}
