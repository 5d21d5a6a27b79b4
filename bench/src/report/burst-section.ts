import { grouped, markdownTable } from "./markdown";
import type { ReportSection } from "./section";

export const burstSection: ReportSection = {
  benchmark: "burst",
  heading: "Burst",
  method: `\`npm run bench -- burst\` starts the local stack's write path (\`tools/local-stack\`: the API's local
server, the fauxqs queues with the deployed redrive policy, the worker behind the event-source-mapping emulator
with the deployed mapping settings from \`@orders/settings\`, the services' database sessions through the
pinning check and PgBouncer) and sends \`POST /orders\` from a bounded client over keep-alive connections
(loopback only), each with a customer's bearer token. Queue depth, orders recorded and database backends per
role are sampled every 0.5 s; a full run draws them in \`docs/burst.png\`.

**Target**: every accepted order recorded exactly once, the worker never holds more database connections than
the mapping's maximum concurrency, and no session would pin.`,
  caveats: `- On one machine the single local API process is the slower side, so the worker keeps pace and the
  queue stays short. In AWS the API scales out; the queue then grows and the worker drains it at the same
  bounded concurrency. Either way the database sees at most the mapping's maximum concurrency of worker
  connections: the queue, not the database, absorbs the difference.`,
  figures(result) {
    const f = result.at("figures");
    const statuses = Object.entries(f.counts("byStatus"))
      .map(([status, n]) => `${status}: ${grouped(n)}`)
      .join(", ");
    const backends = Object.entries(f.counts("peakBackends"))
      .map(([role, n]) => `${role}: ${n}`)
      .join(", ");
    const end = f.at("end");
    return markdownTable(
      ["figure", "value"],
      [
        [
          "requests",
          `${grouped(f.number("requests"))} over ${f.number("connections")} connections ` +
            `(${grouped(f.number("requestsPerSecond"))} requests/s)`,
        ],
        ["answers", statuses],
        ["accept rate", `${f.number("acceptRate")} %`],
        [
          "latency p50 / p99 / max",
          `${grouped(f.number("latency.p50"))} / ${grouped(f.number("latency.p99"))} / ${grouped(f.number("latency.max"))} ms`,
        ],
        ["peak queue depth", `${grouped(f.number("peakQueueDepth"))} messages`],
        [
          "worker drain",
          `mean ${grouped(f.number("meanDrainPerSecond"))} orders/s, peak ${grouped(f.number("peakDrainPerSecond"))}/s; ` +
            `queue empty ${f.number("drainedAfterSeconds")} s after the burst started`,
        ],
        [
          "peak database backends",
          `${backends || "none"} (maximum concurrency ${f.number("maxConcurrency")})`,
        ],
        ["sessions that would pin", String(f.number("pinnedSessions"))],
        [
          "end state",
          `${grouped(end.number("recordedOfAccepted"))} / ${grouped(end.number("accepted"))} accepted orders recorded, ` +
            `${grouped(end.number("distinct"))} distinct ids, DLQ ${end.number("dlq")}`,
        ],
      ],
    );
  },
  headline(result) {
    const f = result.at("figures");
    const workerPeak = Math.max(0, ...Object.values(f.counts("peakBackends")));
    return {
      what: `burst, ${grouped(f.number("requests"))} POST /orders`,
      result:
        `${f.number("acceptRate")} % accepted, p99 ${grouped(Math.round(f.number("latency.p99")))} ms; ` +
        `≤ ${workerPeak} database connections; ${f.number("pinnedSessions")} pinned`,
    };
  },
};
