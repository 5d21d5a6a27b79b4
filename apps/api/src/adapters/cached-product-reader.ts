import type { Product, ProductReader } from "../domain/ports";

/**
 * A catalogue reader that keeps what it read for `ttlMs` (from when the read started) and makes every
 * request that arrives during a read wait for that one read, so one container reads the catalogue at most
 * once per `ttlMs` however many requests it serves. A failed read is not kept: the next request tries again.
 *
 * @example
 * const products = cachedProductReader(db.products, { ttlMs: catalogueCache.containerTtlMs });
 */
export function cachedProductReader(
  reader: ProductReader,
  options: { ttlMs: number; now?: () => number },
): ProductReader {
  const now = options.now ?? (() => performance.now());
  let kept: { products: Product[]; readAt: number } | undefined;
  let reading: Promise<Product[]> | undefined;
  return {
    listProducts: () => {
      if (kept && now() - kept.readAt < options.ttlMs) return Promise.resolve(kept.products);
      if (!reading) {
        const readAt = now();
        reading = reader
          .listProducts()
          .then((products) => {
            kept = { products, readAt };
            return products;
          })
          .finally(() => {
            reading = undefined;
          });
      }
      return reading;
    },
  };
}
