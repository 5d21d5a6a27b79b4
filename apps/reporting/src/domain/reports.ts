import type { UtcDay } from "./utc-day";

/** Accepted orders of one UTC day. */
export interface DailySalesEntry {
  day: UtcDay;
  orders: number;
  units: number;
  revenueCents: number;
}

/** A product's accepted sales over a range. */
export interface TopProductEntry {
  sku: string;
  name: string;
  units: number;
  revenueCents: number;
}

/** Approximate message counts of one queue (SQS counts are eventually consistent by design). */
export interface QueueDepth {
  /** Waiting to be received. */
  visible: number;
  /** Received by a consumer and not yet deleted (being processed, or waiting out a visibility timeout). */
  inFlight: number;
  /** Sent with a delay that has not yet elapsed. */
  delayed: number;
}

/** The orders queue and its dead-letter queue, as the dashboard shows them. */
export interface QueueDepths {
  orders: QueueDepth;
  deadLetter: QueueDepth;
}

/** What one rollup run did. */
export interface RollupResult {
  /** Days rebuilt (each now has a `daily_sales` row, zero when it had no accepted orders). */
  days: UtcDay[];
  /** Accepted orders counted over those days. */
  orders: number;
  /** `daily_product_sales` rows written (inserted or updated). */
  productRows: number;
  /** `daily_product_sales` rows removed because their SKU no longer has sales that day. */
  removedProductRows: number;
}
