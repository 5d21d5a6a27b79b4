import { orderFlow } from "@orders/settings";

/**
 * How long after a UTC day ends its orders can still appear. An order's day comes from `processed_at`,
 * stamped by the database (`now()`, the start of the worker's transaction); that transaction commits within
 * the worker timeout (Lambda stops the worker then, and its open transaction is rolled back). One extra
 * minute keeps the rule clear of that edge.
 *
 * A day's rollup row is trusted by the reports only if it was refreshed at least this long after the day
 * ended; until then the reports aggregate that day live from the orders.
 */
export const rollupSettleSeconds = orderFlow.workerTimeoutSeconds + 60;
