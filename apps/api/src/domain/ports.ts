import type { OrderMessage } from "@orders/contracts";
import type { OrderWithItems, Product } from "@orders/db";

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
  findOrder(id: string): Promise<OrderWithItems | undefined>;
}

/** Reads the catalogue. */
export interface ProductReader {
  /** Throws DatabaseUnavailableError when the database does not answer (in time). */
  listProducts(): Promise<Product[]>;
}
