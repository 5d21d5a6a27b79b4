import type { OrderMessage } from "@orders/contracts";
import { benchOrderMessage } from "../harness/order-messages";

export interface ChaosSettings {
  orders: number;
  /** Share of valid orders delivered twice (a second, separate SQS message with the same order). */
  duplicateRate: number;
  /** Share of messages that can never be processed (bad JSON, unknown schema version, invalid fields). */
  poisonRate: number;
  /** Probability that an invocation "crashes" after its transaction committed, before the mapping deletes. */
  crashAfterCommitRate: number;
  /** Probability that an invocation "crashes" before it reaches the database. */
  crashBeforeCommitRate: number;
  /** How long the database, then the queue endpoint, stay silent while clients call the API. */
  freezeMs?: number;
}

export interface ChaosPlan {
  valid: OrderMessage[];
  /** Bodies in send order: valid orders, their duplicates and the poison, shuffled together. */
  bodies: string[];
  poison: Set<string>;
  duplicates: number;
}

/** What to send: valid orders over the bench catalogue, some twice, with poison messages mixed in. */
export function chaosPlan(settings: ChaosSettings, random: () => number = Math.random): ChaosPlan {
  const valid = Array.from({ length: settings.orders }, (_, i) => benchOrderMessage(i));
  const bodies = valid.map((m) => JSON.stringify(m));
  const duplicates = Math.round(settings.orders * settings.duplicateRate);
  for (let i = 0; i < duplicates; i++) bodies.push(JSON.stringify(valid[i]));
  const poison = new Set<string>();
  const poisonCount = Math.max(1, Math.round(settings.orders * settings.poisonRate));
  for (let i = 0; i < poisonCount; i++) {
    const kinds = [
      `{not json ${i}`,
      JSON.stringify({ ...valid[i], orderId: `poison-${i}`, schemaVersion: 1 }),
      JSON.stringify({ ...valid[i], schemaVersion: 99, correlationId: `poison-${i}` }),
    ];
    poison.add(kinds[i % kinds.length] as string);
  }
  bodies.push(...poison);
  // Fisher–Yates, so duplicates and poison arrive anywhere in the stream.
  for (let i = bodies.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [bodies[i], bodies[j]] = [bodies[j] as string, bodies[i] as string];
  }
  return { valid, bodies, poison, duplicates };
}
