import { listProducts, type Product } from "@orders/db";
import type { DbCall, DbClient } from "@orders/db-client";
import { drizzleOf } from "@orders/db-client/drizzle";
import type { ProductReader } from "../domain/ports";
import { readingDatabase } from "./db-errors";

/** Reads the catalogue with the API's own database role. */
export class DbProductReader implements ProductReader {
  /**
   * `client` is called on each read so the connection is made on first use, not at start-up; `call` runs
   * a read on it (the runtime passes one with the read deadline, see db-readers.ts).
   */
  constructor(
    client: () => DbClient,
    private readonly call: DbCall = (read) => read(client()),
  ) {}

  listProducts(): Promise<Product[]> {
    return readingDatabase(() => this.call((client) => listProducts(drizzleOf(client))));
  }
}
