import { loadOnce } from "@orders/http-kit";
import type { OrderReader, ProductReader } from "../domain/ports";

/** The database readers and the one client behind them. */
export interface DbReaders {
  orders: OrderReader;
  products: ProductReader;
  /** Closes the database connection if one was opened. */
  close(): Promise<void>;
}

/**
 * Readers that load the database code on the first read rather than at import. `load` is meant to be a
 * dynamic `import()` of the module that builds the real readers: bundled with code splitting, Drizzle,
 * postgres.js and the IAM token signer become a chunk that a container serving only `POST /orders` never
 * parses. The load goes through {@link loadOnce}: reads that arrive while it loads share that one load,
 * hence one client and one connection; a failed load is not kept, so the next read tries again.
 *
 * @example
 * const readers = dbReadersOnFirstUse(() => import("./db-readers").then((m) => m.createDbReaders(config)));
 */
export function dbReadersOnFirstUse(load: () => Promise<DbReaders>): DbReaders {
  const loaded = loadOnce(load);
  // The last load a read asked for, so that closing never starts one (nor retries a failed one).
  let requested: Promise<DbReaders> | undefined;
  const readers = (): Promise<DbReaders> => {
    requested = loaded();
    return requested;
  };
  return {
    orders: { findOrder: async (id) => (await readers()).orders.findOrder(id) },
    products: { listProducts: async () => (await readers()).products.listProducts() },
    close: async () => {
      // Never loaded (or the load failed): nothing was opened.
      const opened = await requested?.catch(() => undefined);
      await opened?.close();
    },
  };
}
