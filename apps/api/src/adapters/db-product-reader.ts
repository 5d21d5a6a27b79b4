import { listProducts, type Product } from "@orders/db";
import type { DbClient } from "@orders/db-client";
import type { ProductReader } from "../domain/ports";
import { readingDatabase } from "./db-errors";

/** Reads the catalogue with the API's own database role. */
export class DbProductReader implements ProductReader {
  /** `client` is called on each read so the connection is made on first use, not at start-up. */
  constructor(private readonly client: () => DbClient) {}

  listProducts(): Promise<Product[]> {
    return readingDatabase(() => listProducts(this.client().db));
  }
}
