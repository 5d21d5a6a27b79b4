import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The one schema of the platform. SQL names are plural snake_case, TypeScript names camelCase.
 * Money is integer cents (bigint, read as a JS number: safe up to 2^53 cents), never a float.
 */

export const productsTable = pgTable(
  "products",
  {
    sku: text("sku").primaryKey(),
    name: text("name").notNull(),
    currency: char("currency", { length: 3 }).notNull().default("USD"),
    priceCents: bigint("price_cents", { mode: "number" }).notNull(),
    stock: integer("stock").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("products_price_not_negative", sql`${t.priceCents} >= 0`),
    // The database, not only the worker, guarantees that stock is never oversold.
    check("products_stock_not_negative", sql`${t.stock} >= 0`),
    check("products_sku_length", sql`char_length(${t.sku}) between 1 and 64`),
  ],
);

export const orderStatus = pgEnum("order_status", ["accepted", "rejected"]);

export const ordersTable = pgTable(
  "orders",
  {
    /** Chosen by the API before the order reaches the database, so retries of the same message collide. */
    id: uuid("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    totalCents: bigint("total_cents", { mode: "number" }).notNull(),
    status: orderStatus("status").notNull(),
    rejectionReason: text("rejection_reason"),
    /** When the API accepted the request (before queueing). */
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull(),
    /** When the worker wrote the outcome. */
    processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("orders_total_not_negative", sql`${t.totalCents} >= 0`),
    check(
      "orders_rejection_reason_iff_rejected",
      sql`(${t.status} = 'rejected') = (${t.rejectionReason} is not null)`,
    ),
    index("orders_processed_at_idx").on(t.processedAt),
    index("orders_customer_id_idx").on(t.customerId),
  ],
);

export const orderItemsTable = pgTable(
  "order_items",
  {
    orderId: uuid("order_id").notNull(),
    sku: text("sku").notNull(),
    quantity: integer("quantity").notNull(),
    /**
     * Catalogue price captured when the worker processed the order; null only for a rejected order's item
     * whose SKU the catalogue does not know.
     */
    unitPriceCents: bigint("unit_price_cents", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.sku] }),
    foreignKey({ columns: [t.orderId], foreignColumns: [ordersTable.id] }).onDelete("cascade"),
    // No foreign key to products: an item records what was ordered (a rejected order may name an unknown
    // SKU), and order history must survive catalogue changes.
    check("order_items_quantity_range", sql`${t.quantity} between 1 and 1000`),
    check("order_items_price_not_negative", sql`${t.unitPriceCents} >= 0`),
    index("order_items_sku_idx").on(t.sku),
  ],
);

/** Daily totals of accepted orders (UTC days), rebuilt by the reporting job. */
export const dailySalesTable = pgTable(
  "daily_sales",
  {
    day: date("day", { mode: "string" }).primaryKey(),
    orders: integer("orders").notNull(),
    units: integer("units").notNull(),
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull(),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("daily_sales_not_negative", sql`${t.orders} >= 0 and ${t.units} >= 0 and ${t.revenueCents} >= 0`),
  ],
);

/** Daily totals per product of accepted orders (UTC days), rebuilt by the reporting job. */
export const dailyProductSalesTable = pgTable(
  "daily_product_sales",
  {
    day: date("day", { mode: "string" }).notNull(),
    sku: text("sku").notNull(),
    units: integer("units").notNull(),
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.sku] }),
    check("daily_product_sales_not_negative", sql`${t.units} >= 0 and ${t.revenueCents} >= 0`),
  ],
);

/**
 * One row that serialises rollup runs: each run updates it first, and the row lock it takes queues the next
 * run until COMMIT. A row lock, unlike an advisory lock function, does not pin an RDS Proxy session.
 */
export const rollupStateTable = pgTable(
  "rollup_state",
  {
    id: smallint("id").primaryKey(),
    /** When the last run started (its transaction's start). */
    lastRunAt: timestamp("last_run_at", { withTimezone: true }),
  },
  (t) => [check("rollup_state_single_row", sql`${t.id} = 1`)],
);

export type Product = typeof productsTable.$inferSelect;
export type NewProduct = typeof productsTable.$inferInsert;
export type Order = typeof ordersTable.$inferSelect;
export type NewOrder = typeof ordersTable.$inferInsert;
export type OrderItem = typeof orderItemsTable.$inferSelect;
export type NewOrderItem = typeof orderItemsTable.$inferInsert;
export type DailySales = typeof dailySalesTable.$inferSelect;
export type DailyProductSales = typeof dailyProductSalesTable.$inferSelect;
