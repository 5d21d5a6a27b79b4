import { type ConnectionBudget, proxyHeadroomFactor } from "../connection-budget";
import type { StageProfile } from "../stage-profile";
import { awsQuotas } from "./aws-quotas";
import { apiSecondsPerRequest, ordersPerSecondAtAcu, workerSecondsPerBatch } from "./load-model";
import type { FlowPlan } from "./recommend";

/** One bound on throughput under the stage's current settings. */
export interface Limit {
  id:
    | "api-throttle"
    | "api-reserved-concurrency"
    | "api-gateway-account"
    | "worker-max-concurrency"
    | "sqs-mapping-concurrency"
    | "connection-budget"
    | "database-max-acu"
    | "aurora-instance-ceiling"
    | "lambda-account-concurrency";
  what: string;
  /** Peak orders per second this bound carries. */
  capacityOrdersPerSecond: number;
  /** The setting or quota to change when the load exceeds it. */
  change: string;
  /**
   * What an API client gets for a request beyond this bound, for the bounds a request meets before it is
   * accepted (the others delay orders on the queue instead of refusing them). See {@link clientAnswers}.
   */
  clientSees?: string;
}

/**
 * What API Gateway answers when a bound in front of the order is reached. Its own throttles answer
 * `429 Too Many Requests` ("Throttle requests to your HTTP APIs for better throughput in API Gateway",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html). A Lambda throttle
 * (reserved concurrency or the account's concurrency reached) is a `429 TooManyRequestsException` to the
 * caller of Lambda's Invoke, and that caller is API Gateway: the client gets a `500 Internal Server Error`
 * ("Invoke", https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html; AWS Knowledge Center, "How do
 * I troubleshoot Lambda function 'Internal server error' from API Gateway?",
 * https://repost.aws/knowledge-center/api-gateway-internal-server-error). In both cases the function
 * never ran, so the request had no effect.
 */
export const clientAnswers = {
  gatewayThrottle: "429 Too Many Requests (API Gateway's throttle)",
  lambdaThrottle: '500 {"message":"Internal Server Error"} (Lambda throttled the invocation)',
} as const;

interface LimitContext {
  flow: FlowPlan;
  profile: StageProfile;
  items: number;
  budget: ConnectionBudget;
}

/** Every bound of a stage's current settings, as the peak orders per second it carries, lowest first. */
export function throughputLimits({ flow, profile, items, budget }: LimitContext): Limit[] {
  const batch = flow.batchSize;
  const perWorker = batch / workerSecondsPerBatch(batch, items);
  const apiSeconds = apiSecondsPerRequest();
  const others = budget.proxyClients - flow.maxConcurrency;
  const budgetConcurrency = Math.max(0, Math.floor(budget.proxyPool / proxyHeadroomFactor) - others);
  const reserved = profile.reservedConcurrency;
  const lambdaRoom = awsQuotas.lambdaConcurrentExecutions - reserved.reportingHttp - reserved.rollup;
  const limits: Limit[] = [
    {
      id: "api-throttle",
      what: "API stage throttle (apiThrottle.rateLimit)",
      capacityOrdersPerSecond: profile.apiThrottle.rateLimit,
      change: "raise apiThrottle.rateLimit and burstLimit in infra/src/stage-profile.ts",
      clientSees: clientAnswers.gatewayThrottle,
    },
    {
      id: "api-reserved-concurrency",
      what: "API function reserved concurrency (reservedConcurrency.api)",
      capacityOrdersPerSecond: reserved.api / apiSeconds,
      change: "raise reservedConcurrency.api in infra/src/stage-profile.ts (the connection budget counts it)",
      clientSees: clientAnswers.lambdaThrottle,
    },
    {
      id: "api-gateway-account",
      what: "API Gateway account throttle (all APIs of the account and region)",
      capacityOrdersPerSecond: awsQuotas.apiGatewayAccountRequestsPerSecond,
      change: "request a higher API Gateway throttle quota (Service Quotas)",
      clientSees: clientAnswers.gatewayThrottle,
    },
    {
      id: "worker-max-concurrency",
      what: "worker maximum concurrency (orderFlow.maxConcurrency)",
      capacityOrdersPerSecond: flow.maxConcurrency * perWorker,
      change: "raise orderFlow.maxConcurrency in packages/settings/src/order-flow.ts, or the batch size",
    },
    {
      id: "sqs-mapping-concurrency",
      what: `one SQS event-source mapping at its ${awsQuotas.sqsMappingMaxConcurrency} concurrent batches`,
      capacityOrdersPerSecond: awsQuotas.sqsMappingMaxConcurrency * perWorker,
      change: `raise orderFlow.batchSize (with a batching window of at least 1 s): a mapping runs at most ${awsQuotas.sqsMappingMaxConcurrency} batches`,
    },
    {
      id: "connection-budget",
      what: `worker concurrency the connection budget allows (${budgetConcurrency}) at ${profile.aurora.maxAcu} ACU`,
      capacityOrdersPerSecond: budgetConcurrency * perWorker,
      change:
        "raise aurora.maxAcu in infra/src/stage-profile.ts (max_connections follows the maximum ACU), or the batch size",
    },
    {
      id: "database-max-acu",
      what: `database at its maximum of ${profile.aurora.maxAcu} ACU (aurora.maxAcu)`,
      capacityOrdersPerSecond: ordersPerSecondAtAcu(profile.aurora.maxAcu, batch, items),
      change: "raise aurora.maxAcu in infra/src/stage-profile.ts, or the batch size (cheaper per order)",
    },
    {
      id: "aurora-instance-ceiling",
      what: `one Aurora writer at ${awsQuotas.auroraMaxAcuPerInstance} ACU (hard limit)`,
      capacityOrdersPerSecond: ordersPerSecondAtAcu(awsQuotas.auroraMaxAcuPerInstance, batch, items),
      change:
        "raise orderFlow.batchSize; past the largest batch, one writer cannot: partition orders across clusters",
    },
    {
      id: "lambda-account-concurrency",
      what: `Lambda concurrent executions (account quota ${awsQuotas.lambdaConcurrentExecutions})`,
      capacityOrdersPerSecond: lambdaRoom / (apiSeconds + 1 / perWorker),
      change: "request a higher Lambda concurrency quota (Service Quotas, AWS Lambda, Concurrent executions)",
      clientSees: clientAnswers.lambdaThrottle,
    },
  ];
  return limits.sort((a, b) => a.capacityOrdersPerSecond - b.capacityOrdersPerSecond);
}

/** Reserved concurrency must leave Lambda's unreserved minimum free in the account. */
export function reservedConcurrencyProblems(
  profile: StageProfile,
  flow: Pick<FlowPlan, "maxConcurrency">,
): string[] {
  const reserved = Object.values(profile.reservedConcurrency).reduce((a, b) => a + b, 0);
  const room = awsQuotas.lambdaConcurrentExecutions - awsQuotas.lambdaUnreservedMinimum;
  if (reserved <= room) return [];
  return [
    `reserved concurrency totals ${reserved}, but an account with the default quota of ` +
      `${awsQuotas.lambdaConcurrentExecutions} can reserve ${room} (the worker's ${flow.maxConcurrency} ` +
      "must fit in the unreserved rest): request a higher Lambda concurrency quota",
  ];
}
