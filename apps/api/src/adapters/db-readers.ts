import { type ConnectionConfig, createDb } from "@orders/db-client";
import { DbOrderReader } from "./db-order-reader";
import { DbProductReader } from "./db-product-reader";
import type { DbReaders } from "./db-readers-on-first-use";

/**
 * The API's database readers over one client (as the `orders_api` role). Only `runtime.ts` imports this
 * module, dynamically, and calls this on the first read (see {@link dbReadersOnFirstUse}), so the client is
 * made when it is needed; postgres.js connects on the first query.
 */
export function createDbReaders(config: ConnectionConfig): DbReaders {
  const client = createDb(config, { applicationName: "orders-api" });
  const db = () => client;
  return {
    orders: new DbOrderReader(db),
    products: new DbProductReader(db),
    close: () => client.close(),
  };
}
