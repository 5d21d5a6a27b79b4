import { findOrderWithItems, type OrderWithItems } from "@orders/db";
import type { DbClient } from "@orders/db-client";
import type { OrderReader } from "../domain/ports";
import { readingDatabase } from "./db-errors";

/** Reads processed orders with the API's own database role (select-only grants). */
export class DbOrderReader implements OrderReader {
  /** `client` is called on each read so the connection is made on first use, not at start-up. */
  constructor(private readonly client: () => DbClient) {}

  findOrder(id: string): Promise<OrderWithItems | undefined> {
    return readingDatabase(() => findOrderWithItems(this.client().db, id));
  }
}
