import * as z from "zod/mini";

/**
 * Request schemas of the API's routes (zod/mini). The request body is the shared `orderRequest` from
 * @orders/contracts. The OpenAPI document is generated from these same schemas (openapi/document.ts).
 */

/** Any id in UUID form, as the document's `format: uuid` says: one no order has is a 404, not a 400. */
export const orderIdParams = z.object({ id: z.guid() });

/** Visible ASCII only, so the key is safe in logs and cannot smuggle header folding. */
export const idempotencyKey = z
  .string()
  .check(z.regex(/^[\x21-\x7e]{1,128}$/, "must be 1 to 128 visible ASCII characters"));

export const acceptOrderHeaders = z.object({ "idempotency-key": z.optional(idempotencyKey) });
