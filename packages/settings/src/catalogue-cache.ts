/**
 * How long `GET /products` may be answered from a copy. The catalogue is public and anonymous: without a
 * copy, every request, from anyone, is a database read. Stock shown may lag by up to the two figures
 * together (container copy, then the client's or a shared cache's); the worker decides stock at write time,
 * so a stale figure misleads a shopper for seconds and never oversells.
 */
export const catalogueCache = {
  /** `Cache-Control: public, max-age=<this>` on `GET /products` (browsers, CDNs, proxies). */
  httpMaxAgeSeconds: 5,
  /**
   * How long one api container serves the catalogue from memory before it reads the database again; the
   * requests that arrive while a read is running wait for that one read.
   */
  containerTtlMs: 5_000,
} as const;
