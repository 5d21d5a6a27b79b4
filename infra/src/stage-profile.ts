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
  /** `ec2`: one small NAT instance (a few dollars a month); `managed`: a NAT gateway per AZ (resilient). */
  nat: "ec2" | "managed";
  aurora: {
    /** 0 lets the instance pause when idle (dev); production keeps a floor so it never cold-starts. */
    minAcu: number;
    maxAcu: number;
    /** Idle time before pausing; only meaningful with minAcu 0. */
    pauseAfter?: `${number} minutes`;
    /** Reader instances; the read-only proxy endpoint needs at least one. */
    replicas: number;
    /**
     * Idle back-end connections RDS Proxy keeps open, as a share of max_connections. Open connections keep
     * an instance from auto-pausing, so dev stages keep none.
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
 * Profile for a stage. Every non-production stage (a developer's personal stage, `ci`, a preview) is cheap:
 * NAT instance, a database that pauses at 0 ACU, the rollup hourly (a 5-minute schedule would keep the
 * database awake), small reserved concurrency.
 */
export function stageProfile(stage: string): StageProfile {
  if (stage === productionStage) {
    return {
      stage,
      production: true,
      removal: "retain",
      protect: true,
      nat: "managed",
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
    aurora: {
      minAcu: 0,
      maxAcu: 4,
      pauseAfter: "30 minutes",
      replicas: 1,
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
