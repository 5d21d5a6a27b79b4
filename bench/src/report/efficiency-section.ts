import { grouped, markdownTable, ratio } from "./markdown";
import type { ReportSection } from "./section";

export const efficiencySection: ReportSection = {
  benchmark: "efficiency",
  heading: "Worker write path",
  method: `\`npm run bench -- efficiency\` runs the worker's own benchmark
(\`apps/order-worker/bench/worker-throughput.ts\`) against an embedded PostgreSQL over one connection as the
worker role: orders/s of \`processOrderBatch\` at batch sizes 1, 10 and 100 beside two raw writes of the same
rows with no locks, no reads and no stock update:

- **raw INSERT**: one multi-row INSERT of orders and items through postgres.js with bind parameters (two
  round trips, as postgres.js sends a parameterised statement with prepared statements off);
- **raw 1-statement**: the same rows as one parameterless statement in the typed-array form the write path
  uses (one round trip): the strictest floor.

The write path is one call of the database function \`record_order_batch\` per batch: it locks the batch's
products in SKU order, reads which orders already exist, decides every message and writes orders, items and
stock in one statement ([decision record](decisions/0002-plpgsql-write-path.md)). The sides take turns slice by
slice, so load from anything else on the machine falls on all of them alike. Round trips are counted on the
wire through a relay.

**Target**: at batch 10, the write path reaches at least 0.6 × the faster of the two raw writes.`,
  caveats: `- Every batch this benchmark sends (3 items per order) stays under 16 KB of statement text and
  takes one round trip. A batch that would pass 16 KB (the contract's largest is about 43 KB) is sent with
  bind parameters and takes two; a property test, not this benchmark, checks that.
- PostgreSQL runs locally with \`fsync=off\`: the figures compare write paths on one server, they are not
  Aurora's throughput.`,
  figures(result) {
    const f = result.at("figures");
    const rows = f.list("measurements").map((m) => {
      const write = m.number("ordersPerSecond.writePath");
      const insert = m.number("ordersPerSecond.rawInsert");
      const one = m.number("ordersPerSecond.rawOneMessage");
      return [
        m.number("batchSize"),
        Math.round(write),
        m.number("roundTrips.writePath"),
        Math.round(insert),
        m.number("roundTrips.rawInsert"),
        Math.round(one),
        m.number("roundTrips.rawOneMessage"),
        ratio(write / insert),
        ratio(write / one),
      ];
    });
    return [
      `${f.number("itemsPerOrder")} items per order, one connection per side.`,
      "",
      markdownTable(
        [
          "batch>",
          "write path orders/s>",
          "round trips>",
          "raw INSERT orders/s>",
          "round trips>",
          "raw 1-statement orders/s>",
          "round trips>",
          "write / raw INSERT>",
          "write / raw 1-statement>",
        ],
        rows,
      ),
    ].join("\n");
  },
  headline(result) {
    const f = result.at("figures");
    const trips = f.numbers("roundTrips");
    return {
      what: "worker write path, batch of 10",
      result:
        `${grouped(f.number("ordersPerSecondAt10"))} orders/s, ${ratio(f.number("ratioAt10"))} × the faster raw write; ` +
        `${[...new Set(trips)].join("/")} round trip per batch`,
    };
  },
};
