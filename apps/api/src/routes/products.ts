import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "../app-env";
import type { ProductReader } from "../ports";
import { problemResponses, productList } from "../schemas";

const listProducts = createRoute({
  method: "get",
  path: "/products",
  operationId: "listProducts",
  summary: "The catalogue, with price (integer cents) and stock",
  responses: {
    200: { description: "Every product, by SKU", content: { "application/json": { schema: productList } } },
    ...problemResponses({ 503: "Database unavailable" }),
  },
});

/** `GET /products`. */
export function registerProductRoutes(app: OpenAPIHono<ApiEnv>, deps: { products: ProductReader }): void {
  app.openapi(listProducts, async (c) => {
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
