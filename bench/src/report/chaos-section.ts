import { grouped, markdownTable } from "./markdown";
import type { ReportSection } from "./section";

export const chaosSection: ReportSection = {
  benchmark: "chaos",
  heading: "Chaos",
  method: `\`npm run bench -- chaos\` sends valid orders plus duplicate deliveries (the same order again as a
separate message) and poison messages (bad JSON, an invalid order id, an unknown schema version), shuffled
together, through fauxqs and the event-source-mapping emulator into the real worker handler (one handler
instance and connection per concurrent batch, like Lambda containers), through the pinning check. Meanwhile
invocations crash before commit and after commit (before the messages are deleted), and PostgreSQL is
restarted once when 40 % of the orders are in. The queue's visibility timeout equals the run's function
timeout, so a batch held by a silent database is never handed to a second worker while it still runs.

Then the **freeze phase**: clients call the real API (its local entry point, a process of its own:
\`POST /orders\`, \`GET /products\`, \`GET /orders/{id}\` in turn) while first the database and then the queue
endpoint go silent (a relay stops forwarding without closing). A \`POST /orders\` answered 503 is retried after
the thaw with the same \`Idempotency-Key\`; every order the API accepted is counted in the checks.

**Target**: every check passes (below), and every answer during a freeze comes within its deadline
(\`packages/settings/src/deadlines.ts\`) plus 0.5 s.`,
  caveats: `- The worker's sessions go through the pinning check straight to PostgreSQL, without PgBouncer:
  Debian's PgBouncer 1.18 between them refused logins after the PostgreSQL restart ("server login has been
  failing") until its own retry delay passed, which stalls the run rather than testing the worker.
- \`--quick\` runs the same scenario with 500 orders; the test suite runs it too
  (\`bench/src/chaos/chaos.integration.test.ts\`).`,
  figures(result) {
    const f = result.at("figures");
    const run = markdownTable(
      ["figure", "value"],
      [
        [
          "sent",
          `${grouped(f.number("settings.orders"))} valid orders + ${grouped(f.number("duplicates"))} duplicates + ` +
            `${grouped(f.number("poison"))} poison = ${grouped(f.number("sent"))} messages`,
        ],
        ["invocations", `${grouped(f.number("invocations"))} in ${f.number("containers")} worker containers`],
        [
          "crashes",
          `${f.number("crashesBeforeCommit")} before commit, ${f.number("crashesAfterCommit")} after commit`,
        ],
        ["PostgreSQL restarts", String(f.number("restarts"))],
        ["uncaught driver errors", String(f.number("driverCrashes"))],
        ["duplicates delivered to the worker", grouped(f.number("duplicatesDelivered"))],
        ["orders accepted by the API during the freezes", grouped(f.number("apiOrders"))],
        ["settled in", `${(f.number("drainMs") / 1000).toFixed(1)} s`],
      ],
    );
    const freezes = markdownTable(
      ["frozen", "answers>", "statuses", "p50 ms>", "p99 ms>", "max ms>", "deadline ms>"],
      f.list("freezes").map((w) => [
        w.string("frozen"),
        w.number("latency.count"),
        Object.entries(w.counts("statuses"))
          .map(([status, n]) => `${n} × ${status}`)
          .join(", "),
        w.number("latency.p50"),
        w.number("latency.p99"),
        w.number("latency.max"),
        w.number("deadlineMs"),
      ]),
    );
    const checks = markdownTable(
      ["check", "expected>", "actual>", "verdict"],
      f
        .list("checks")
        .map((c) => [
          c.string("check"),
          c.scalar("expected"),
          c.scalar("actual"),
          c.boolean("pass") ? "PASS" : "FAIL",
        ]),
    );
    return [run, "", "During the freezes:", "", freezes, "", checks].join("\n");
  },
  headline(result) {
    const f = result.at("figures");
    const checks = f.list("checks");
    const passed = checks.filter((c) => c.boolean("pass")).length;
    return {
      what:
        `chaos, ${grouped(f.number("settings.orders"))} orders with duplicates, poison, crashes, ` +
        "a restart and freezes",
      result: `${passed} / ${checks.length} checks pass, settled in ${(f.number("drainMs") / 1000).toFixed(0)} s`,
    };
  },
};
