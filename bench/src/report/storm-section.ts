import { grouped, markdownTable } from "./markdown";
import type { ReportSection } from "./section";

export const stormSection: ReportSection = {
  benchmark: "storm",
  heading: "Connection storm",
  method: `\`npm run bench -- storm\` starts PostgreSQL with a low \`max_connections\` and creates N "function
instances" the way a Lambda container creates its client (\`createDb\` from \`@orders/db-client\`: one
connection, no prepared statements, 5 s connect timeout). All of them then write one order at the same moment
through the worker's write path (\`processOrderBatch\`, one order) and close, in two rounds per N: **direct** to
PostgreSQL, and **pooler**: through the pinning check (where RDS Proxy sits) and PgBouncer in transaction mode
with a fixed pool of server connections (the stand-in for RDS Proxy's pool). A superuser connection samples
\`pg_stat_activity\` every 20 ms for the peak number of backends.

Instances log in to the pooler the way a Lambda logs in to RDS Proxy with IAM auth: the credential is sent as
is and compared (PgBouncer \`auth_type = plain\`), with no PBKDF2 on either side; PgBouncer logs in upstream
with SCRAM once per server connection. \`STORM_POOLER_AUTH=scram npm run bench -- storm\` repeats the storm
with full SCRAM logins to the pooler.

**Target**: every pooled round serves every instance, never holds more backends than its pool, and no session
would pin; the largest direct round is refused by PostgreSQL (\`53300 too many clients\`).`,
  caveats: `- The instances are spread over several simulator processes (how many is stated with the figures). Each
  instance's connection handshake runs on the simulator's CPU, which real instances each have to themselves;
  the "max loop lag" column shows how close the simulator came to being the bottleneck.
- \`CONNECT_TIMEOUT\` is the client's own 5 s connect timeout. On a busy machine some pooled instances can
  miss it at the largest N: the pinning check runs in the benchmark's own process, one more event loop that
  accepts every instance's connection and opens another to PgBouncer. PostgreSQL refuses nothing in the
  pooled rounds; those failures are the simulator's.
- Every round starts from a server with no backends of the worker role; backends still open a moment after
  every client closed are counted ("left open") and terminated before the next round. Each pooled round gets
  a fresh PgBouncer, stopped afterwards.
- Latency through the pooler is queueing: N orders through a pool of a fixed size.`,
  figures(result) {
    const f = result.at("figures");
    const rounds = f.list("rounds");
    const table = markdownTable(
      [
        "target",
        "N>",
        "ok>",
        "failed>",
        "failures by code",
        "wall ms>",
        "p50 ms>",
        "p99 ms>",
        "peak backends>",
        "left open>",
        "pinned>",
        "max loop lag ms>",
      ],
      rounds.map((r) => {
        const target = r.string("target");
        const instances = r.number("instances");
        const succeeded = r.number("succeeded");
        const failures = Object.entries(r.counts("failuresByCode"))
          .map(([code, n]) => `${code}: ${grouped(n)}`)
          .join(", ");
        return [
          target,
          instances,
          succeeded,
          instances - succeeded,
          failures,
          r.number("wallMs"),
          r.number("latency.p50"),
          r.number("latency.p99"),
          r.number("peakBackends"),
          r.number("leftOpen"),
          target === "pooler" ? r.number("pinnedSessions") : "",
          r.number("maxLoopDelayMs"),
        ];
      }),
    );
    return [
      `\`max_connections\` ${f.number("maxConnections")}, pool ${f.number("poolSize")}, write path: ` +
        `${f.string("writePath")}, simulator processes: ${Math.max(1, f.number("shards"))}, ` +
        `pooler login: ${f.string("poolerAuth")}.`,
      "",
      table,
    ].join("\n");
  },
  headline(result) {
    const f = result.at("figures");
    const rounds = f.list("rounds");
    const largest = Math.max(...rounds.map((r) => r.number("instances")));
    const round = (target: string) => {
      const found = rounds.find((r) => r.string("target") === target && r.number("instances") === largest);
      if (!found) throw new Error(`${result.file}: no ${target} round at N = ${largest}`);
      return found;
    };
    const pooled = round("pooler");
    const direct = round("direct");
    return {
      what: `connection storm, ${grouped(largest)} instances at once`,
      result:
        `pooled: ${grouped(pooled.number("succeeded"))} / ${grouped(largest)} served, ` +
        `${pooled.number("peakBackends")} backends, ${pooled.number("pinnedSessions")} pinned; ` +
        `direct: ${grouped(direct.number("succeeded"))} / ${grouped(largest)}`,
    };
  },
};
