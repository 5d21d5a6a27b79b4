import { sqsMappingLimits } from "@orders/settings";

/**
 * AWS limits the capacity planner checks a load against. Defaults of a new account unless marked as a hard
 * limit; each cites the AWS page that states it.
 */
export const awsQuotas = {
  /**
   * Concurrent executions per account and region (adjustable). "Lambda quotas",
   * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
   */
  lambdaConcurrentExecutions: 1000,
  /** Executions Lambda always keeps unreserved; reserved concurrency can only use the rest (same page). */
  lambdaUnreservedMinimum: 100,
  /** Maximum concurrency of one SQS event-source mapping (hard limit; the settings package checks it too). */
  sqsMappingMaxConcurrency: sqsMappingLimits.maxConcurrency,
  /**
   * Requests per second across all APIs of an account and region (adjustable). "Amazon API Gateway quotas",
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
   */
  apiGatewayAccountRequestsPerSecond: 10_000,
  /**
   * Largest capacity of one Aurora Serverless v2 instance (hard limit; the writer is one instance).
   * "Performance and scaling for Aurora Serverless v2",
   * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html
   */
  auroraMaxAcuPerInstance: 256,
  /** Lowest capacity of a running (not paused) Serverless v2 instance (same page). */
  auroraMinRunningAcu: 0.5,
} as const;
