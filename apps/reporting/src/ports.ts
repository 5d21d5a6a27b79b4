import type { UtcDay } from "./calendar/utc-day";
import type { QueueDepths } from "./queue/queue-depth";
import type { DailySalesEntry } from "./reports/daily-sales-report";
import type { TopProductEntry } from "./reports/top-products-report";

/** Where the reports come from (PostgreSQL in every real wiring; the port keeps routes free of SQL). */
export interface ReportReader {
  dailySales(from: UtcDay, to: UtcDay): Promise<DailySalesEntry[]>;
  topProducts(from: UtcDay, to: UtcDay, limit: number): Promise<TopProductEntry[]>;
}

/** Where the queue depths come from (SQS). */
export interface QueueDepthReader {
  read(): Promise<QueueDepths>;
}
