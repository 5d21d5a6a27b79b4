import { orderFlow } from "@orders/settings";
import {
  auroraPostgresMaxConnections,
  auroraPostgresMaxConnectionsByMaxAcu,
} from "../aurora-max-connections";
import { type ConnectionBudget, connectionBudget } from "../connection-budget";
import { type StageProfile, stageProfile } from "../stage-profile";
import { awsQuotas } from "./aws-quotas";
import {
  acuForCpu,
  apiSecondsPerRequest,
  loadModel,
  ordersPerSecondAtAcu,
  workerSecondsPerBatch,
  writePathSecondsPerBatch,
} from "./load-model";

export interface PlanInput {
  /** Average orders per second over the month (the cost table uses it). */
  ordersPerSecond: number;
  /** Items per order; the write path was measured at 3. */
  itemsPerOrder?: number;
  /** Peak over average: capacity is planned for `ordersPerSecond x peakFactor`. */
  peakFactor?: number;
  /** Stage whose profile the plan checks (default `production`). */
  stage?: string;
  /** Overrides for "what if" questions; default: the settings and profile that deploy. */
  flow?: FlowPlan;
  profile?: StageProfile;
}

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
}

export interface SettingChange {
  setting: string;
  file: string;
  from: number;
  to: number;
}

export interface FlowPlan {
  batchSize: number;
  batchWindowSeconds: number;
  maxConcurrency: number;
}

export interface CapacityPlan {
  stage: string;
  ordersPerSecond: number;
  peakOrdersPerSecond: number;
  itemsPerOrder: number;
  peakFactor: number;
  flow: {
    configured: FlowPlan;
    recommended: FlowPlan;
    /** Worker invocations running at once at the peak with the recommended flow (Little's law). */
    expectedWorkerInstances: number;
    /** Orders per batch at the peak (partial batches when the window closes first). */
    ordersPerBatch: number;
    workerSecondsPerBatch: number;
  };
  database: {
    /** Write transactions per second at the peak: one per worker batch. */
    transactionsPerSecond: number;
    writePathSecondsPerBatch: number;
    /** Database CPU the write path needs at the peak (vCPU). */
    vcpu: number;
    /** ACU the peak needs (at the planned CPU utilisation), at least 0.5. */
    acuNeeded: number;
    configuredAcu: { min: number; max: number };
    /** Smallest documented maximum ACU that carries the peak and the recommended concurrency's budget. */
    recommendedMaxAcu: number | undefined;
    maxConnectionsAtMaxAcu: number;
    /** Client connections at the proxy at the peak: one per running worker instance. */
    proxyClientConnectionsAtPeak: number;
    /** Back-end connections busy at the peak (transactions in flight; the proxy multiplexes the rest). */
    busyDatabaseConnectionsAtPeak: number;
    budget: ConnectionBudget;
  };
  lambda: {
    apiInstances: number;
    workerInstances: number;
    /** Every concurrent execution the peak needs, reporting's reservations included. */
    concurrencyNeeded: number;
    accountQuota: number;
    recommendedApiReservedConcurrency: number;
  };
  api: {
    requestsPerSecond: number;
    throttle: { rateLimit: number; burstLimit: number };
    accountLimit: number;
  };
  sqs: { sendsPerSecond: number; receivesPerSecond: number; deletesPerSecond: number };
  /** Where the stage's settings fall short of this load: the setting, where it lives, and the value to set. */
  settingChanges: SettingChange[];
  /** Every bound, lowest first: the first one is what breaks first as the load grows. */
  limits: Limit[];
  /** What does not hold at this peak with the stage's current settings; empty when everything fits. */
  problems: string[];
}

const defaultItemsPerOrder = loadModel.measured.writePath.itemsPerOrder;
const headroom = loadModel.assumed.concurrencyHeadroom.value;
const batchCandidates = [10, 25, 50, 100, 250, 500, 1000];

/** Plans a load against a stage: settings, database, Lambda, API and queue volumes, limits and problems. */
export function planCapacity(input: PlanInput): CapacityPlan {
  const stage = input.stage ?? "production";
  const profile = input.profile ?? stageProfile(stage);
  const flow = input.flow ?? orderFlow;
  const items = input.itemsPerOrder ?? defaultItemsPerOrder;
  const peakFactor = input.peakFactor ?? 2;
  validate(input.ordersPerSecond, items, peakFactor);
  const peak = input.ordersPerSecond * peakFactor;

  // Load figures at the recommended flow (what to set for this load); limits at the current settings.
  const recommended = recommendFlow(peak, items, flow);
  const perBatch = ordersPerBatch(peak, recommended);
  const workerSeconds = workerSecondsPerBatch(perBatch, items);
  const dbSeconds = writePathSecondsPerBatch(perBatch, items);
  const tps = peak / perBatch;
  const workerInstances = tps * workerSeconds;
  const apiInstances = peak * apiSecondsPerRequest();
  const vcpu = tps * dbSeconds;
  const acuNeeded = Math.max(0.5, roundUpToHalf(acuForCpu(vcpu)));

  const recommendedApiReserved = Math.max(1, Math.ceil(apiInstances * headroom));
  const budget = connectionBudget({ flow, profile });
  const reserved = profile.reservedConcurrency;
  const concurrencyNeeded = apiInstances + workerInstances + reserved.reportingHttp + reserved.rollup;

  const limits = throughputLimits({ flow, profile, items, budget });
  const recommendedMaxAcu = recommendMaxAcu(acuNeeded, recommended, recommendedApiReserved, profile);
  const problems = [
    ...(recommendedMaxAcu === undefined
      ? [
          `no Aurora maximum up to ${awsQuotas.auroraMaxAcuPerInstance} ACU carries this peak: it needs ` +
            `${acuNeeded} ACU, and the connection budget of a worker concurrency of ${recommended.maxConcurrency} ` +
            `with an API reserved concurrency of ${recommendedApiReserved} (one connection each) must fit ` +
            "max_connections: split the API's writes from its reads, or partition orders across clusters",
        ]
      : []),
    ...budget.problems.map((problem) => `connection budget: ${problem}`),
    ...reservedConcurrencyProblems(profile, flow),
    ...limits
      .filter((limit) => limit.capacityOrdersPerSecond < peak)
      .map(
        (limit) =>
          `${limit.what} carries ${format(limit.capacityOrdersPerSecond)} orders/s at peak, the load needs ` +
          `${format(peak)}: ${limit.change}`,
      ),
  ];

  return {
    stage,
    ordersPerSecond: input.ordersPerSecond,
    peakOrdersPerSecond: peak,
    itemsPerOrder: items,
    peakFactor,
    flow: {
      configured: pickFlow(flow),
      recommended,
      expectedWorkerInstances: workerInstances,
      ordersPerBatch: perBatch,
      workerSecondsPerBatch: workerSeconds,
    },
    database: {
      transactionsPerSecond: tps,
      writePathSecondsPerBatch: dbSeconds,
      vcpu,
      acuNeeded,
      configuredAcu: { min: profile.aurora.minAcu, max: profile.aurora.maxAcu },
      recommendedMaxAcu,
      maxConnectionsAtMaxAcu: budget.databaseMaxConnections,
      proxyClientConnectionsAtPeak: Math.ceil(workerInstances),
      busyDatabaseConnectionsAtPeak: Math.ceil(tps * dbSeconds),
      budget,
    },
    lambda: {
      apiInstances,
      workerInstances,
      concurrencyNeeded,
      accountQuota: awsQuotas.lambdaConcurrentExecutions,
      recommendedApiReservedConcurrency: recommendedApiReserved,
    },
    api: {
      requestsPerSecond: peak,
      throttle: { ...profile.apiThrottle },
      accountLimit: awsQuotas.apiGatewayAccountRequestsPerSecond,
    },
    sqs: { sendsPerSecond: peak, receivesPerSecond: tps, deletesPerSecond: tps },
    settingChanges: settingChanges({
      flow,
      profile,
      recommended,
      recommendedMaxAcu,
      recommendedApiReserved,
      peak,
    }),
    limits,
    problems,
  };
}

const settingsFile = "packages/settings/src/order-flow.ts";
const profileFile = "infra/src/stage-profile.ts";

/** The settings below what the load needs (never the ones above it: lowering is a cost decision). */
function settingChanges(c: {
  flow: FlowPlan;
  profile: StageProfile;
  recommended: FlowPlan;
  recommendedMaxAcu: number | undefined;
  recommendedApiReserved: number;
  peak: number;
}): SettingChange[] {
  const candidates: SettingChange[] = [
    {
      setting: "orderFlow.batchSize",
      file: settingsFile,
      from: c.flow.batchSize,
      to: c.recommended.batchSize,
    },
    {
      setting: "orderFlow.batchWindowSeconds",
      file: settingsFile,
      from: c.flow.batchWindowSeconds,
      to: c.recommended.batchWindowSeconds,
    },
    {
      setting: "orderFlow.maxConcurrency",
      file: settingsFile,
      from: c.flow.maxConcurrency,
      to: c.recommended.maxConcurrency,
    },
    {
      setting: "aurora.maxAcu",
      file: profileFile,
      from: c.profile.aurora.maxAcu,
      to: c.recommendedMaxAcu ?? c.profile.aurora.maxAcu,
    },
    {
      setting: "reservedConcurrency.api",
      file: profileFile,
      from: c.profile.reservedConcurrency.api,
      to: c.recommendedApiReserved,
    },
    {
      setting: "apiThrottle.rateLimit",
      file: profileFile,
      from: c.profile.apiThrottle.rateLimit,
      to: Math.ceil(c.peak),
    },
    {
      setting: "apiThrottle.burstLimit",
      file: profileFile,
      from: c.profile.apiThrottle.burstLimit,
      to: Math.ceil(2 * c.peak),
    },
  ];
  return candidates.filter((change) => change.to > change.from);
}

/**
 * The peak a stage is built for: the API's stage throttle, the most orders per second it admits. CI plans
 * every stage at this peak, so a setting that no longer carries it fails the tests with the reason.
 */
export function designPeakOrdersPerSecond(profile: Pick<StageProfile, "apiThrottle">): number {
  return profile.apiThrottle.rateLimit;
}

/** Orders per batch at a rate: full batches when the queue fills them, else what arrives in one window. */
export function ordersPerBatch(ordersPerSecond: number, flow: Omit<FlowPlan, "maxConcurrency">) {
  return Math.min(flow.batchSize, Math.max(1, ordersPerSecond * flow.batchWindowSeconds));
}

interface LimitContext {
  flow: FlowPlan;
  profile: StageProfile;
  items: number;
  budget: ConnectionBudget;
}

function throughputLimits({ flow, profile, items, budget }: LimitContext): Limit[] {
  const batch = flow.batchSize;
  const perWorker = batch / workerSecondsPerBatch(batch, items);
  const apiSeconds = apiSecondsPerRequest();
  const others = budget.proxyClients - flow.maxConcurrency;
  const budgetConcurrency = Math.max(0, Math.floor(budget.proxyPool / 2) - others);
  const reserved = profile.reservedConcurrency;
  const lambdaRoom = awsQuotas.lambdaConcurrentExecutions - reserved.reportingHttp - reserved.rollup;
  const limits: Limit[] = [
    {
      id: "api-throttle",
      what: "API stage throttle (apiThrottle.rateLimit)",
      capacityOrdersPerSecond: profile.apiThrottle.rateLimit,
      change: "raise apiThrottle.rateLimit and burstLimit in infra/src/stage-profile.ts",
    },
    {
      id: "api-reserved-concurrency",
      what: "API function reserved concurrency (reservedConcurrency.api)",
      capacityOrdersPerSecond: reserved.api / apiSeconds,
      change: "raise reservedConcurrency.api in infra/src/stage-profile.ts (the connection budget counts it)",
    },
    {
      id: "api-gateway-account",
      what: "API Gateway account throttle (all APIs of the account and region)",
      capacityOrdersPerSecond: awsQuotas.apiGatewayAccountRequestsPerSecond,
      change: "request a higher API Gateway throttle quota (Service Quotas)",
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
      change:
        "raise orderFlow.batchSize (with a batching window of at least 1 s): a mapping runs at most 1,000 batches",
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
    },
  ];
  return limits.sort((a, b) => a.capacityOrdersPerSecond - b.capacityOrdersPerSecond);
}

/** Reserved concurrency must leave Lambda's unreserved minimum free in the account. */
function reservedConcurrencyProblems(
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

function recommendFlow(peak: number, items: number, flow: FlowPlan): FlowPlan {
  const candidates = [...new Set([flow.batchSize, ...batchCandidates.filter((b) => b > flow.batchSize)])];
  for (const batchSize of candidates) {
    const window = batchSize > 10 ? Math.max(1, flow.batchWindowSeconds) : flow.batchWindowSeconds;
    const perBatch = ordersPerBatch(peak, { batchSize, batchWindowSeconds: window });
    const instances = (peak / perBatch) * workerSecondsPerBatch(perBatch, items);
    const concurrency = Math.max(2, Math.ceil(instances * headroom));
    const acu = acuForCpu((peak / perBatch) * writePathSecondsPerBatch(perBatch, items));
    if (concurrency <= awsQuotas.sqsMappingMaxConcurrency && acu <= awsQuotas.auroraMaxAcuPerInstance) {
      return { batchSize, batchWindowSeconds: window, maxConcurrency: concurrency };
    }
  }
  const batchSize = candidates[candidates.length - 1] as number;
  return {
    batchSize,
    batchWindowSeconds: Math.max(1, flow.batchWindowSeconds),
    maxConcurrency: awsQuotas.sqsMappingMaxConcurrency,
  };
}

function recommendMaxAcu(
  acuNeeded: number,
  flow: FlowPlan,
  apiReserved: number,
  profile: StageProfile,
): number | undefined {
  for (const [maxAcu] of auroraPostgresMaxConnectionsByMaxAcu) {
    if (maxAcu < acuNeeded || maxAcu < profile.aurora.minAcu) continue;
    const candidate = {
      ...profile,
      reservedConcurrency: { ...profile.reservedConcurrency, api: Math.max(apiReserved, 1) },
      aurora: { ...profile.aurora, maxAcu },
    };
    auroraPostgresMaxConnections(candidate.aurora);
    if (connectionBudget({ flow, profile: candidate }).problems.length === 0) return maxAcu;
  }
  return undefined;
}

function pickFlow(flow: FlowPlan): FlowPlan {
  return {
    batchSize: flow.batchSize,
    batchWindowSeconds: flow.batchWindowSeconds,
    maxConcurrency: flow.maxConcurrency,
  };
}

function validate(ordersPerSecond: number, items: number, peakFactor: number): void {
  if (!Number.isFinite(ordersPerSecond) || ordersPerSecond <= 0) {
    throw new RangeError(`orders per second must be a positive number, got ${ordersPerSecond}`);
  }
  if (!Number.isFinite(items) || items < 1)
    throw new RangeError(`items per order must be at least 1, got ${items}`);
  if (!Number.isFinite(peakFactor) || peakFactor < 1) {
    throw new RangeError(`peak factor must be at least 1, got ${peakFactor}`);
  }
}

function roundUpToHalf(value: number): number {
  return Math.ceil(value * 2) / 2;
}

/** Orders per second as people read them: whole numbers with thousands separators. */
export function format(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
