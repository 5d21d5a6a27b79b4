import type { SQSClient } from "@aws-sdk/client-sqs";
import { type OrderQueues, queueDepth, redriveDeadLetters } from "@orders/local-aws";
import { deadlines, orderFlow } from "@orders/settings";
import type postgres from "postgres";
import { benchSkus } from "../harness/bench-catalogue";
import type { ChaosPlan } from "./chaos-plan";
import type { ChaosCounters } from "./chaotic-handler";
import { drainQueue } from "./drain-queue";
import type { FreezeOutcome } from "./freeze-phase";

export interface ChaosCheck {
  check: string;
  expected: string | number;
  actual: string | number;
  pass: boolean;
}

/**
 * From the database: every valid order and every order the API accepted recorded exactly once, stock =
 * initial − accepted units, and every poison message handed to the worker exactly maxReceiveCount times.
 */
export async function recordChecks(
  admin: postgres.Sql,
  plan: ChaosPlan,
  initialStock: Map<string, number>,
  counters: ChaosCounters,
  api: FreezeOutcome,
): Promise<ChaosCheck[]> {
  const ids = [...plan.valid.map((m) => m.orderId), ...api.acceptedOrderIds];
  const expectedOrders = ids.length;
  const [orders] = await admin<{ total: number; distinct: number; ours: number; accepted: number }[]>`
    select count(*)::int as total, count(distinct id)::int as distinct,
      count(*) filter (where id = any(${pgArray(ids)}::uuid[]))::int as ours,
      count(*) filter (where status = 'accepted')::int as accepted
    from orders`;
  const [items] = await admin<{ n: number }[]>`select count(*)::int as n from order_items`;
  const expectedItems = plan.valid.reduce((sum, m) => sum + m.items.length, 0) + api.items.length;

  const taken = new Map<string, number>();
  for (const i of [...plan.valid.flatMap((m) => m.items), ...api.items]) {
    taken.set(i.sku, (taken.get(i.sku) ?? 0) + i.quantity);
  }
  const stock = await stockBySku(admin);
  const wrongStock = benchSkus.filter(
    (sku) => stock.get(sku) !== (initialStock.get(sku) ?? 0) - (taken.get(sku) ?? 0),
  );

  const poisonReceives = [...plan.poison].map((body) => counters.receivesByBody.get(body) ?? 0);
  const exact = poisonReceives.filter((n) => n === orderFlow.maxReceiveCount).length;
  return [
    row("orders recorded (queued + through the API)", expectedOrders, orders?.total ?? 0),
    row("of them, the valid orders sent (by id)", expectedOrders, orders?.ours ?? 0),
    row("distinct order ids (no double effect)", expectedOrders, orders?.distinct ?? 0),
    row("accepted (ample stock)", expectedOrders, orders?.accepted ?? 0),
    row("order items", expectedItems, items?.n ?? 0),
    row(
      "SKUs whose stock = initial − accepted units",
      benchSkus.length,
      benchSkus.length - wrongStock.length,
    ),
    row(`poison handed to the worker exactly ${orderFlow.maxReceiveCount} times`, plan.poison.size, exact),
  ];
}

/** The API's p99 while each dependency was silent, against that window's deadline plus the answer slack. */
export function freezeChecks(freeze: FreezeOutcome): ChaosCheck[] {
  return freeze.windows.map((window) => {
    const limit = window.deadlineMs + deadlines.answerSlackMs;
    return {
      check: `API p99 while the ${window.frozen} is silent (ms, at most)`,
      expected: limit,
      actual: window.latency.p99,
      pass: window.latency.p99 <= limit,
    };
  });
}

export interface RedriveOutcome {
  /** Messages in the dead-letter queue before the redrive. */
  deadLettered: number;
  redrivenArePoison: boolean;
  checks: ChaosCheck[];
}

/** Moves the dead-letter queue back to the orders queue and checks it brought back exactly the poison. */
export async function redriveChecks(
  sqs: SQSClient,
  queues: Pick<OrderQueues, "queueUrl" | "deadLetterQueueUrl">,
  poison: ReadonlySet<string>,
): Promise<RedriveOutcome> {
  const deadBefore = await queueDepth(sqs, queues.deadLetterQueueUrl);
  const redrive = await redriveDeadLetters(sqs, {
    source: queues.deadLetterQueueUrl,
    destination: queues.queueUrl,
  });
  const back = await drainQueue(sqs, queues.queueUrl);
  const redrivenArePoison = back.length === poison.size && back.every((body) => poison.has(body));
  const deadAfter = await queueDepth(sqs, queues.deadLetterQueueUrl);
  return {
    deadLettered: deadBefore.visible,
    redrivenArePoison,
    checks: [
      row("messages in the DLQ before redrive", poison.size, deadBefore.visible),
      row(`redrive moved (${redrive.method})`, poison.size, redrive.moved),
      row("DLQ after redrive", 0, deadAfter.visible + deadAfter.inFlight),
      row(
        "redriven bodies = the poison bodies",
        "same set",
        redrivenArePoison ? "same set" : `${back.length} bodies, differ`,
      ),
    ],
  };
}

export function row(check: string, expected: string | number, actual: string | number): ChaosCheck {
  return { check, expected, actual, pass: expected === actual };
}

export async function stockBySku(admin: postgres.Sql): Promise<Map<string, number>> {
  const rows = await admin<{ sku: string; stock: number }[]>`
    select sku, stock from products where sku = any(${pgArray(benchSkus)}::text[])`;
  return new Map(rows.map((r) => [r.sku, r.stock]));
}

/**
 * An array literal for plain values (uuids, bench SKUs: no quotes or commas). postgres.js's `sql.array` needs
 * the server's array types, which a fresh connection has not fetched when its first query is built.
 */
function pgArray(values: readonly string[]): string {
  return `{${values.join(",")}}`;
}
