import { orderFlow } from "@orders/settings";

/**
 * How long after a UTC day ends its orders can still appear. An order's day comes from `processed_at`,
 * stamped when the worker's transaction starts; that transaction commits within the worker timeout (Lambda
 * stops the worker then, and its open transaction is rolled back). One extra minute covers
 * the difference between the worker's clock and the database's when the worker stamps the time itself.
 *
 * A day's rollup row is trusted by the reports only if it was refreshed at least this long after the day
 * ended; until then the reports aggregate that day live from the orders.
 */
export const rollupSettleSeconds = orderFlow.workerTimeoutSeconds + 60;
