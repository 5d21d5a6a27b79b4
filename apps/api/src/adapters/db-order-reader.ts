import { findOrderWithItems, type OrderWithItems } from "@orders/db";
import type { DbCall, DbClient } from "@orders/db-client";
import { drizzleOf } from "@orders/db-client/drizzle";
import type { OrderReader } from "../domain/ports";
import { readingDatabase } from "./db-errors";

/** Reads processed orders with the API's own database role (select-only grants). */
export class DbOrderReader implements OrderReader {
  /**
   * `client` is called on each read so the connection is made on first use, not at start-up; `call` runs
   * a read on it (the runtime passes one with the read deadline, see db-readers.ts).
   */
  constructor(
    client: () => DbClient,
    private readonly call: DbCall = (read) => read(client()),
  ) {}

  findOrder(id: string): Promise<OrderWithItems | undefined> {
    return readingDatabase(() => this.call((client) => findOrderWithItems(drizzleOf(client), id)));
  }
}
