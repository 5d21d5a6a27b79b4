import type { BenchResult } from "../harness/result";
import { formatTable } from "../harness/table";
import type { ChaosCheck } from "./chaos-checks";
import type { ChaosPlan, ChaosSettings } from "./chaos-plan";
import type { ChaosCounters } from "./chaotic-handler";
import type { ContainerCrash } from "./container-crashes";
import type { FreezeWindow } from "./freeze-phase";

export interface ChaosFigures {
  settings: ChaosSettings;
  sent: number;
  duplicates: number;
  poison: number;
  invocations: number;
  crashesBeforeCommit: number;
  crashesAfterCommit: number;
  restarts: number;
  /** Valid orders the worker was handed in a second, separate SQS message (seen, not planned). */
  duplicatesDelivered: number;
  /** Messages in the dead-letter queue once the run settled. */
  deadLettered: number;
  /** The redrive brought back exactly the poison bodies. */
  redrivenArePoison: boolean;
  /** Worker containers that crashed on an uncaught driver error (a Lambda container would have died). */
  driverCrashes: number;
  /** Of them, before PostgreSQL was restarted: anything here is a driver error the run must not hide. */
  driverCrashesBeforeRestart: number;
  /** Worker containers (one connection each) that the mapping created. */
  containers: number;
  drainMs: number;
  /** Sessions that would have pinned at RDS Proxy (must be 0). */
  pinnedSessions: number;
  /** The API's answers while the database, then the queue endpoint, were silent. */
  freezes: FreezeWindow[];
  /** Orders the API accepted during the freeze phase (all recorded exactly once, like the rest). */
  apiOrders: number;
  checks: ChaosCheck[];
}

export interface ChaosRunOutcome {
  settings: ChaosSettings;
  plan: ChaosPlan;
  counters: ChaosCounters;
  crashes: readonly ContainerCrash[];
  restarts: number;
  containers: number;
  drainMs: number;
  deadLettered: number;
  redrivenArePoison: boolean;
  pinnedSessions: number;
  freezes: FreezeWindow[];
  apiOrders: number;
  checks: ChaosCheck[];
}

/** Prints the freeze windows and the verdict table, and sums the run up as figures and one line. */
export function chaosReport(outcome: ChaosRunOutcome, log: (line: string) => void): BenchResult {
  const { settings, plan, counters, checks } = outcome;
  log(
    formatTable(
      outcome.freezes.map((w) => ({
        frozen: w.frozen,
        answers: w.latency.count,
        statuses: Object.entries(w.statuses)
          .map(([status, n]) => `${n}x${status}`)
          .join(" "),
        "p50 ms": w.latency.p50,
        "p99 ms": w.latency.p99,
        "max ms": w.latency.max,
        "deadline ms": w.deadlineMs,
      })),
    ),
  );
  log(formatTable(checks.map((c) => ({ ...c, pass: c.pass ? "PASS" : "FAIL" }))));
  const figures: ChaosFigures = {
    settings,
    sent: plan.bodies.length,
    duplicates: plan.duplicates,
    poison: plan.poison.size,
    invocations: counters.invocations,
    crashesBeforeCommit: counters.crashesBeforeCommit,
    crashesAfterCommit: counters.crashesAfterCommit,
    restarts: outcome.restarts,
    duplicatesDelivered: duplicateDeliveries(plan, counters),
    deadLettered: outcome.deadLettered,
    redrivenArePoison: outcome.redrivenArePoison,
    driverCrashes: outcome.crashes.length,
    driverCrashesBeforeRestart: outcome.crashes.filter((c) => !c.afterRestart).length,
    containers: outcome.containers,
    drainMs: outcome.drainMs,
    pinnedSessions: outcome.pinnedSessions,
    freezes: outcome.freezes,
    apiOrders: outcome.apiOrders,
    checks,
  };
  return {
    name: "chaos",
    summary:
      `${settings.orders} orders + ${plan.duplicates} duplicates + ${plan.poison.size} poison, ` +
      `${counters.crashesBeforeCommit} crashes before / ${counters.crashesAfterCommit} after commit, ` +
      `${outcome.restarts} PostgreSQL restart (${figures.driverCrashes} driver crashes): ${checks.filter((c) => c.pass).length}/${checks.length} checks pass, ` +
      `settled in ${(outcome.drainMs / 1000).toFixed(1)} s; pinned sessions ${outcome.pinnedSessions}`,
    targetMet: checks.every((c) => c.pass),
    figures,
  };
}

/** Second and later SQS messages that carried a valid order's body, as the worker saw them. */
function duplicateDeliveries(plan: ChaosPlan, counters: ChaosCounters): number {
  const bodies = new Set(plan.valid.map((m) => JSON.stringify(m)));
  let extra = 0;
  for (const [body, ids] of counters.messageIdsByBody) if (bodies.has(body)) extra += ids.size - 1;
  return extra;
}
