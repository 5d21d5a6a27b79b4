import type { DailySalesEntry } from "../adapters/daily-sales-report";
import type { QueueDepths } from "../adapters/queue-depth";
import type { TopProductEntry } from "../adapters/top-products-report";
import type { UtcDay } from "./utc-day";

/** Where the reports come from (PostgreSQL in every real wiring; the port keeps routes free of SQL). */
export interface ReportReader {
  dailySales(from: UtcDay, to: UtcDay): Promise<DailySalesEntry[]>;
  topProducts(from: UtcDay, to: UtcDay, limit: number): Promise<TopProductEntry[]>;
}

/** Where the queue depths come from (SQS). */
export interface QueueDepthReader {
  read(): Promise<QueueDepths>;
}
