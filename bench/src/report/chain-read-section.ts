import { markdownTable, ratio } from "./markdown";
import type { ReportSection } from "./section";

export const chainReadSection: ReportSection = {
  benchmark: "chain-read",
  heading: "A read through the chain",
  method: `\`npm run bench -- chain-read\` reads one order the way the api serves \`GET /orders/{id}\`
(\`findOrderWithItems\`: Drizzle over postgres.js with the api's client settings, \`prepare: false\`, as the api's
own role), one read at a time, on two paths: **straight to PostgreSQL**, and **through the chain** that stands
for RDS Proxy locally (pinning check → PgBouncer in transaction mode → PostgreSQL), the path every service
connection takes under \`npm start\` and in the tests. A parameterised statement takes two round trips with
\`prepare: false\` (Parse/Describe, then Bind/Execute), so a hop that holds back small writes shows here
first ([decision record](decisions/0021-one-relay-nagle-off.md)). The paths take turns, 100 reads at a
time, after 50 reads each to warm up.

**Target**: the chain's median read within 3 × the direct one.`,
  caveats: `- Both paths run on one machine over loopback: the chain's cost here is its processes and relays, not a
  network. In AWS the proxy is a network hop of its own.
- The p99 and max of both paths are the machine's scheduling more than the database: on a loaded machine
  they move together from run to run.`,
  figures(result) {
    const f = result.at("figures");
    const row = (label: string, key: string) => [
      label,
      f.number(`${key}.count`),
      f.number(`${key}.p50`),
      f.number(`${key}.p99`),
      f.number(`${key}.max`),
    ];
    return [
      markdownTable(
        ["path", "reads>", "p50 ms>", "p99 ms>", "max ms>"],
        [row("straight to PostgreSQL", "direct"), row("through the chain", "throughChain")],
      ),
      "",
      `Through the chain / straight: ${ratio(f.number("ratioP50"))} × at the median ` +
        `(+${f.number("addedP50Ms")} ms), ${ratio(f.number("ratioP99"))} × at p99.`,
    ].join("\n");
  },
  headline(result) {
    const f = result.at("figures");
    return {
      what: "the api's order read through the chain (pinning check, PgBouncer)",
      result:
        `p50 ${f.number("throughChain.p50")} ms vs ${f.number("direct.p50")} ms straight to PostgreSQL: ` +
        `${ratio(f.number("ratioP50"))} ×`,
    };
  },
};
