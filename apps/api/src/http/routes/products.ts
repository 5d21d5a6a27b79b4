import type { ServiceEnv } from "@orders/http-kit";
import { catalogueCache } from "@orders/settings";
import type { Hono } from "hono";
import { etag } from "hono/etag";
import type { ProductReader } from "../../domain/ports";

/**
 * `GET /products`: public, the same for everyone, so browsers and shared caches may keep it for
 * `catalogueCache.httpMaxAgeSeconds`; after that a client that sends the ETag back (`If-None-Match`) gets a
 * 304 without the body when nothing changed.
 */
export function registerProductRoutes(app: Hono<ServiceEnv>, deps: { products: ProductReader }): void {
  app.get("/products", etag(), async (c) => {
    const products = await deps.products.listProducts();
    c.header("Cache-Control", `public, max-age=${catalogueCache.httpMaxAgeSeconds}`);
    return c.json(
      {
        products: products.map(({ sku, name, currency, priceCents, stock }) => ({
          sku,
          name,
          currency,
          priceCents,
          stock,
        })),
      },
      200,
    );
  });
}
