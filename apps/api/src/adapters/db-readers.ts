import { type ConnectionConfig, createDb, type DbCall, renewableDb } from "@orders/db-client";
import { deadlines } from "@orders/settings";
import { DbOrderReader } from "./db-order-reader";
import { DbProductReader } from "./db-product-reader";
import type { DbReaders } from "./db-readers-on-first-use";

/**
 * The API's database readers over one client (as the `orders_api` role). Only the composition root
 * (`composition/runtime.ts`) imports this module, dynamically, and calls this on the first read (see
 * {@link dbReadersOnFirstUse}), so the client is made when it is needed; postgres.js connects on the first
 * query. Every read has the API's read deadline: past it the read fails as the database being unavailable
 * and the silent connection is replaced (see `renewableDb`).
 */
export function createDbReaders(config: ConnectionConfig): DbReaders {
  const client = renewableDb(() => createDb(config, { applicationName: "orders-api" }));
  const call: DbCall = (read) => client.within(deadlines.apiDatabaseReadMs, read);
  return {
    orders: new DbOrderReader(client.current, call),
    products: new DbProductReader(client.current, call),
    close: () => client.close(),
  };
}
