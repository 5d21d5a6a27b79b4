import { orderFlow } from "@orders/settings";
import { type ConnectionBudget, connectionBudget } from "../connection-budget";
import { type StageProfile, stageProfile } from "../stage-profile";
import { awsQuotas } from "./aws-quotas";
import {
  acuForCpu,
  apiSecondsPerRequest,
  loadModel,
  workerSecondsPerBatch,
  writePathSecondsPerBatch,
} from "./load-model";
import { type FlowPlan, ordersPerBatch, recommendFlow, recommendMaxAcu, withHeadroom } from "./recommend";
import { type SettingChange, settingChanges } from "./setting-changes";
import { type Limit, reservedConcurrencyProblems, throughputLimits } from "./throughput-limits";

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
  const acuNeeded = Math.max(awsQuotas.auroraMinRunningAcu, roundUpToHalf(acuForCpu(vcpu)));

  const recommendedApiReserved = Math.max(1, withHeadroom(apiInstances));
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

/**
 * The peak a stage is built for: the API's stage throttle, the most orders per second it admits. CI plans
 * every stage at this peak, so a setting that no longer carries it fails the tests with the reason.
 */
export function designPeakOrdersPerSecond(profile: Pick<StageProfile, "apiThrottle">): number {
  return profile.apiThrottle.rateLimit;
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

export type { FlowPlan, Limit, SettingChange };
