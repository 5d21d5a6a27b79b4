import type { Hono } from "hono";
import type { ProductReader } from "../../domain/ports";
import type { ApiEnv } from "../app-env";

/** `GET /products`. */
export function registerProductRoutes(app: Hono<ApiEnv>, deps: { products: ProductReader }): void {
  app.get("/products", async (c) => {
    const products = await deps.products.listProducts();
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
