import { type LatencySummary, summariseLatency } from "../harness/latency";

export interface LoadResult {
  requests: number;
  byStatus: Record<string, number>;
  /** Order ids the API accepted (202), from its responses. */
  acceptedIds: string[];
  wallMs: number;
  latency: LatencySummary;
}

/**
 * A bounded load generator: `connections` loops, each POSTing the next order as soon as its previous request
 * answered, until `total` requests were sent. Hand-written because it must read each 202's order id (to check
 * the end state), which load tools like autocannon do not hand back per request.
 */
export async function postOrders(
  apiUrl: string,
  total: number,
  connections: number,
  /** The bearer token of each customer (`burst-0` … `burst-499`), signed in before the load starts. */
  tokenFor: (customerId: string) => string,
  /** Live count of 202 answers, for sampling the intake rate while the load runs. */
  progress: { accepted: number } = { accepted: 0 },
): Promise<LoadResult> {
  let next = 0;
  const byStatus: Record<string, number> = {};
  const acceptedIds: string[] = [];
  const durations: number[] = [];
  const started = performance.now();
  const lane = async () => {
    while (next < total) {
      const seq = next++;
      const body = {
        customerId: `burst-${seq % 500}`,
        items: [
          { sku: `BENCH-${String(seq % 50).padStart(3, "0")}`, quantity: 1 },
          { sku: `BENCH-${String((seq + 17) % 50).padStart(3, "0")}`, quantity: 2 },
        ],
      };
      const t0 = performance.now();
      try {
        const response = await fetch(`${apiUrl}/orders`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${tokenFor(body.customerId)}`,
          },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
        if (response.status === 202) {
          const id = (JSON.parse(text) as { orderId?: string; id?: string }).orderId;
          if (id) acceptedIds.push(id);
          progress.accepted++;
        }
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code ?? "network";
        byStatus[code] = (byStatus[code] ?? 0) + 1;
      }
      durations.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, lane));
  return {
    requests: total,
    byStatus,
    acceptedIds,
    wallMs: Math.round(performance.now() - started),
    latency: summariseLatency(durations),
  };
}
