import type { StageProfile } from "../stage-profile";
import type { GrowthStep } from "./breaks-first";
import { type CapacityPlan, format } from "./capacity-plan";
import type { MonthlyCost } from "./monthly-cost";

export interface PlanReport {
  plan: CapacityPlan;
  cost: MonthlyCost;
  idleCost: MonthlyCost;
  growth: GrowthStep[];
  profile: StageProfile;
}

/** The plan as text for a terminal: one section per question, figures rounded as people read them. */
export function formatPlan({ plan, cost, idleCost, growth, profile }: PlanReport): string {
  const { flow, database: db, lambda, api, sqs } = plan;
  const out: string[] = [];
  const row = (label: string, value: string) => out.push(`  ${label.padEnd(44)} ${value}`);
  out.push(
    `Plan for ${format(plan.ordersPerSecond)} orders/s on average, peak ${format(plan.peakOrdersPerSecond)} ` +
      `(x${plan.peakFactor}), ${plan.itemsPerOrder} items per order, stage "${plan.stage}"`,
    "",
    "Flow (configured -> for this load)",
  );
  row("batch size", `${flow.configured.batchSize} -> ${flow.recommended.batchSize}`);
  row(
    "batching window (s)",
    `${flow.configured.batchWindowSeconds} -> ${flow.recommended.batchWindowSeconds}`,
  );
  row("maximum concurrency", `${flow.configured.maxConcurrency} -> ${flow.recommended.maxConcurrency}`);
  row(
    "worker instances at peak",
    `${fixed(flow.expectedWorkerInstances, 1)} (${fixed(flow.workerSecondsPerBatch * 1000, 1)} ms per batch of ${fixed(flow.ordersPerBatch, 0)})`,
  );
  out.push("", "Database");
  row("write transactions/s at peak", format(db.transactionsPerSecond));
  row(
    "write path per batch",
    `${fixed(db.writePathSecondsPerBatch * 1000, 2)} ms (${fixed(db.vcpu, 2)} vCPU at peak)`,
  );
  row("ACU needed at peak", `${db.acuNeeded} (configured ${db.configuredAcu.min}-${db.configuredAcu.max})`);
  row(
    "maximum ACU for this load",
    db.recommendedMaxAcu === undefined ? "none fits (see problems)" : String(db.recommendedMaxAcu),
  );
  row("max_connections at configured max ACU", format(db.maxConnectionsAtMaxAcu));
  row("proxy client connections at peak", format(db.proxyClientConnectionsAtPeak));
  row("busy database connections at peak", format(db.busyDatabaseConnectionsAtPeak));
  row(
    "connection budget (worst case / pool)",
    `${format(db.budget.proxyClients)} x2 / ${format(db.budget.proxyPool)}: ${db.budget.problems.length === 0 ? "holds" : "DOES NOT HOLD"}`,
  );
  out.push("", "Lambda, API Gateway, SQS at peak");
  row("api instances", fixed(lambda.apiInstances, 1));
  row(
    "concurrency needed / account default",
    `${format(lambda.concurrencyNeeded)} / ${format(lambda.accountQuota)}`,
  );
  row(
    "api reserved concurrency for this load",
    `${lambda.recommendedApiReservedConcurrency} (configured ${profile.reservedConcurrency.api})`,
  );
  row(
    "API requests/s / stage throttle / account",
    `${format(api.requestsPerSecond)} / ${format(api.throttle.rateLimit)} / ${format(api.accountLimit)}`,
  );
  row(
    "SQS send / receive / delete per second",
    `${format(sqs.sendsPerSecond)} / ${format(sqs.receivesPerSecond)} / ${format(sqs.deletesPerSecond)}`,
  );
  out.push("", `Monthly cost at the average load (${cost.region}, prices read ${cost.pricesRead}, USD)`);
  out.push(...costTable(cost, idleCost));
  out.push("", `Settings to change for this load on "${plan.stage}"`);
  if (plan.settingChanges.length === 0) out.push("  none: every setting already covers it");
  for (const change of plan.settingChanges) {
    out.push(
      `  ${change.setting.padEnd(30)} ${format(change.from)} -> ${format(change.to)}  (${change.file})`,
    );
  }
  out.push("", "What breaks first (stage's current settings; peak orders/s each bound carries)");
  for (const limit of plan.limits)
    out.push(
      `  ${format(limit.capacityOrdersPerSecond).padStart(9)}  ${limit.what}` +
        (limit.clientSees ? `; beyond it a client gets ${limit.clientSees}` : ""),
    );
  for (const step of growth) {
    const first = step.exceeded[0];
    out.push(
      `  at ${format(step.ordersPerSecond).padStart(7)} orders/s (peak ${format(step.peakOrdersPerSecond)}): ` +
        (first ? `${step.exceeded.length} exceeded; first ${first.id}: ${first.change}` : "nothing exceeded"),
    );
  }
  out.push(
    "",
    plan.problems.length === 0 ? "Problems: none, the stage carries this load." : "Problems at this load:",
  );
  for (const problem of plan.problems) out.push(`  - ${problem}`);
  return out.join("\n");
}

function costTable(cost: MonthlyCost, idle: MonthlyCost): string[] {
  const idleBy = new Map(idle.lines.map((l) => [`${l.service}|${l.item}`, l.monthlyUsd]));
  const lines = cost.lines.map(
    (l) =>
      `  ${l.service.padEnd(16)}${l.item.padEnd(62)}${money(l.monthlyUsd).padStart(12)}${money(idleBy.get(`${l.service}|${l.item}`) ?? 0).padStart(11)}`,
  );
  return [
    `  ${"service".padEnd(16)}${"item".padEnd(62)}${"at load".padStart(12)}${"idle".padStart(11)}`,
    ...lines,
    `  ${"total".padEnd(78)}${money(cost.totalUsd).padStart(12)}${money(idle.totalUsd).padStart(11)}`,
    `  sources: ${[...new Set(cost.lines.map((l) => l.source))].join(" ")}`,
  ];
}

function money(value: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function fixed(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
