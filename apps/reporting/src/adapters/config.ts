import type { QueueUrls } from "./queue-depth";

/** The settings a runtime is built from: `process.env` in every real wiring, a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Thrown at start-up when a required setting is missing, naming it. */
export class ReportingConfigError extends Error {
  override name = "ReportingConfigError";
}

/** The queues the dashboard watches, from `ORDERS_QUEUE_URL` and `ORDERS_DLQ_URL` (set by infra and the local stack). */
export function queueUrlsFromEnv(env: Environment = process.env): QueueUrls {
  const orders = env.ORDERS_QUEUE_URL;
  const deadLetter = env.ORDERS_DLQ_URL;
  const missing = [!orders && "ORDERS_QUEUE_URL", !deadLetter && "ORDERS_DLQ_URL"].filter(Boolean);
  if (!orders || !deadLetter) throw new ReportingConfigError(`missing environment: ${missing.join(", ")}`);
  return { orders, deadLetter };
}

/** A positive whole number from the environment, or the default when unset. */
export function positiveIntFromEnv(name: string, fallback: number, env: Environment = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new ReportingConfigError(`${name} must be a positive integer, got ${raw}`);
  }
  return value;
}
