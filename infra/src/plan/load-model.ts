import model from "./write-path-model.json" with { type: "json" };

/** The measured and assumed coefficients (write-path-model.json), typed. */
export const loadModel = model;

const points = model.measured.writePath.ordersPerSecondByBatchSize.map(
  ([batch, ordersPerSecond]) => [batch as number, (batch as number) / (ordersPerSecond as number)] as const,
);

/**
 * Seconds the database spends on one batch of the worker's write path (one `record_order_batch` call):
 * the measured times per batch (batch size / measured orders per second), interpolated linearly in the
 * batch size and extended beyond the largest measured batch along the last segment, then scaled by items
 * per order relative to the measured 3.
 */
export function writePathSecondsPerBatch(batchSize: number, itemsPerOrder: number): number {
  if (batchSize < 1) throw new RangeError(`batch size must be at least 1, got ${batchSize}`);
  let index = points.findIndex(([batch]) => batch >= batchSize);
  if (index <= 0) index = index === 0 ? 1 : points.length - 1;
  const [b0, t0] = points[index - 1] as readonly [number, number];
  const [b1, t1] = points[index] as readonly [number, number];
  const seconds = t0 + ((t1 - t0) * (batchSize - b0)) / (b1 - b0);
  return seconds * (itemsPerOrder / model.measured.writePath.itemsPerOrder);
}

/**
 * Seconds one worker invocation takes for a batch: the measured invocation time at the burst's batch size,
 * less its database part, plus the database part at this batch size. The fixed part (queue delivery,
 * decoding, the round trip, the partial-batch response) does not grow with the batch.
 */
export function workerSecondsPerBatch(batchSize: number, itemsPerOrder: number): number {
  const drain = model.measured.workerDrain;
  const measuredInvocation = (drain.concurrency * drain.batchSize) / drain.peakOrdersPerSecond;
  const fixed = measuredInvocation - writePathSecondsPerBatch(drain.batchSize, drain.itemsPerOrder);
  return fixed + writePathSecondsPerBatch(batchSize, itemsPerOrder);
}

/** Seconds of one `POST /orders` invocation of the API function. */
export function apiSecondsPerRequest(): number {
  return model.measured.apiRequest.seconds;
}

/** ACU needed for a database CPU demand (vCPU-seconds per second), at the planned utilisation. */
export function acuForCpu(vcpu: number): number {
  return vcpu / model.assumed.vcpuPerAcu.value / model.assumed.targetCpuUtilisation.value;
}

/** Orders per second a given ACU sustains at a batch size (the inverse of {@link acuForCpu}). */
export function ordersPerSecondAtAcu(acu: number, batchSize: number, itemsPerOrder: number): number {
  const vcpu = acu * model.assumed.vcpuPerAcu.value * model.assumed.targetCpuUtilisation.value;
  return (vcpu * batchSize) / writePathSecondsPerBatch(batchSize, itemsPerOrder);
}
