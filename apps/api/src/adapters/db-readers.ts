import { type ConnectionConfig, createDb, lazyDb } from "@orders/db-client";
import { DbOrderReader } from "./db-order-reader";
import { DbProductReader } from "./db-product-reader";
import type { DbReaders } from "./db-readers-on-first-use";

/**
 * The API's database readers over one client (as the `orders_api` role), connected on the first query.
 * Only `runtime.ts` imports this module, dynamically: see {@link dbReadersOnFirstUse}.
 */
export function createDbReaders(config: ConnectionConfig): DbReaders {
  let opened = false;
  const db = lazyDb(() => {
    opened = true;
    return createDb(config, { applicationName: "orders-api" });
  });
  return {
    orders: new DbOrderReader(db),
    products: new DbProductReader(db),
    close: async () => {
      if (opened) await db().close();
    },
  };
}
