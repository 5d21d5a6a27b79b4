import { quantileSorted } from "simple-statistics";

export interface LoadResult {
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Responses by status code: any unexpected status shows up here. */
  statuses: Record<number, number>;
}

/** Runs `send` `requests` times with `concurrency` in flight, timing each call. */
export async function runLoad(
  requests: number,
  concurrency: number,
  send: (i: number) => Response | Promise<Response>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const ms = (q: number) => Math.round(quantileSorted(latencies, q) * 100) / 100;
  return {
    requests,
    concurrency,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(requests / seconds),
    p50Ms: ms(0.5),
    p95Ms: ms(0.95),
    p99Ms: ms(0.99),
    statuses,
  };
}
