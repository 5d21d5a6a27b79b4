import type { OrderMessage } from "@orders/contracts";

/*
 * The ports the use cases need and the shapes they return. The database adapters return the database
 * package's rows, which the type checker holds to these shapes (each adapter `implements` its port).
 */

/** An order the worker has processed, as the API reads it. */
export interface ProcessedOrder {
  id: string;
  customerId: string;
  status: "accepted" | "rejected";
  rejectionReason: string | null;
  currency: string;
  totalCents: number;
  acceptedAt: Date;
  processedAt: Date;
  /** The lines as stored; a price is null only on a rejected order's line whose SKU the catalogue lacks. */
  items: { sku: string; quantity: number; unitPriceCents: number | null }[];
}

/** A catalogue entry. */
export interface Product {
  sku: string;
  name: string;
  currency: string;
  priceCents: number;
  stock: number;
}

/** Where accepted orders go. Resolves only once the message is durably on the queue. */
export interface OrderQueue {
  /** Throws QueueUnavailableError when the queue does not take the message (in time). */
  enqueue(message: OrderMessage, options?: EnqueueOptions): Promise<void>;
}

/** How long the caller waits for the queue: a signal that aborts the send, or a deadline (epoch ms). */
export interface EnqueueOptions {
  signal?: AbortSignal;
  deadline?: number;
}

/** Reads orders the worker has processed. */
export interface OrderReader {
  /**
   * Undefined until the worker has written the order (or when it never existed). Throws
   * DatabaseUnavailableError when the database does not answer (in time).
   */
  findOrder(id: string): Promise<ProcessedOrder | undefined>;
}

/** Reads the catalogue. */
export interface ProductReader {
  /** Throws DatabaseUnavailableError when the database does not answer (in time). */
  listProducts(): Promise<Product[]>;
}
