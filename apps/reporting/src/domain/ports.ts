import type { DailySalesEntry, QueueDepths, RollupResult, TopProductEntry } from "./reports";
import type { UtcDay } from "./utc-day";

/**
 * Where the reports come from (PostgreSQL in every real wiring; the port keeps routes free of SQL). A
 * transient failure of the store rejects with `DatabaseUnavailableError` (errors.ts).
 */
export interface ReportReader {
  dailySales(from: UtcDay, to: UtcDay): Promise<DailySalesEntry[]>;
  topProducts(from: UtcDay, to: UtcDay, limit: number): Promise<TopProductEntry[]>;
}

/** Where the queue depths come from (SQS). A failure rejects with `QueueDepthsUnavailableError`. */
export interface QueueDepthReader {
  read(): Promise<QueueDepths>;
}

/** Where the rollups are kept: rebuilds the rollups of `days` from the accepted orders, in one transaction. */
export interface RollupStore {
  rebuild(days: readonly UtcDay[]): Promise<RollupResult>;
}

/** Where a run's figures go (Powertools Metrics: EMF lines on stdout, CloudWatch metrics in AWS). */
export interface RollupMetrics {
  addMetric(name: string, unit: "Count" | "Milliseconds", value: number): void;
  publishStoredMetrics(): void;
}

/** Where a run reports what it did (Powertools Logger: JSON lines). */
export interface RollupLog {
  info(message: string, details: Record<string, unknown>): void;
}
