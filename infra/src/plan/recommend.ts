import { sqsMappingLimits } from "@orders/settings";
import { auroraPostgresMaxConnectionsByMaxAcu } from "../aurora-max-connections";
import { connectionBudget } from "../connection-budget";
import type { StageProfile } from "../stage-profile";
import { awsQuotas } from "./aws-quotas";
import { acuForCpu, loadModel, workerSecondsPerBatch, writePathSecondsPerBatch } from "./load-model";

/** The worker's flow settings a plan reads or recommends. */
export interface FlowPlan {
  batchSize: number;
  batchWindowSeconds: number;
  maxConcurrency: number;
}

const headroom = loadModel.assumed.concurrencyHeadroom.value;
const batchCandidates = [10, 25, 50, 100, 250, 500, 1000];

/** Expected instances plus the planned headroom (bursts inside the peak). */
export function withHeadroom(instances: number): number {
  return Math.ceil(instances * headroom);
}

/** Orders per batch at a rate: full batches when the queue fills them, else what arrives in one window. */
export function ordersPerBatch(ordersPerSecond: number, flow: Omit<FlowPlan, "maxConcurrency">) {
  return Math.min(flow.batchSize, Math.max(1, ordersPerSecond * flow.batchWindowSeconds));
}

/**
 * The flow for a peak: the configured batch size if a mapping's 1,000 concurrent batches and one writer's
 * 256 ACU carry the peak with it, else the next larger batch (with a window of at least 1 s) that does.
 */
export function recommendFlow(peak: number, items: number, flow: FlowPlan): FlowPlan {
  const candidates = [...new Set([flow.batchSize, ...batchCandidates.filter((b) => b > flow.batchSize)])];
  for (const batchSize of candidates) {
    const needsWindow = batchSize > sqsMappingLimits.maxBatchSizeWithoutWindow;
    const window = needsWindow ? Math.max(1, flow.batchWindowSeconds) : flow.batchWindowSeconds;
    const perBatch = ordersPerBatch(peak, { batchSize, batchWindowSeconds: window });
    const instances = (peak / perBatch) * workerSecondsPerBatch(perBatch, items);
    const concurrency = Math.max(2, withHeadroom(instances));
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

/** Smallest documented maximum ACU that carries the peak's CPU and the budget of the recommended concurrencies. */
export function recommendMaxAcu(
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
    if (connectionBudget({ flow, profile: candidate }).problems.length === 0) return maxAcu;
  }
  return undefined;
}
