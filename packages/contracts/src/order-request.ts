import * as z from "zod/mini";
import { customerId, sku } from "./printable-text";
import "./zod";

/** ISO 4217 codes this runtime knows (from ICU), so no hand-kept list can drift. */
const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

export const currencyCode = z.string().check(
  z.regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code in upper case"),
  z.refine((code: string) => knownCurrencies.has(code), "is not an ISO 4217 currency code"),
);

export const orderLine = z.object({
  sku,
  quantity: z.int().check(z.minimum(1), z.maximum(1000)),
});

/** The lines of an order: 1 to 50, each SKU once (an order line is keyed by order and SKU). */
export const orderLines = z.array(orderLine).check(
  z.minLength(1),
  z.maxLength(50),
  z.superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.sku)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "sku"],
          message: `sku ${item.sku} appears more than once`,
        });
      }
      seen.add(item.sku);
    });
  }),
);

/**
 * Body of `POST /orders`. The customer is the caller (the access token's subject); `customerId` stays
 * accepted for older clients and must then equal the subject.
 */
export const orderRequest = z.strictObject({
  customerId: z.optional(customerId),
  items: orderLines,
  currency: z._default(currencyCode, "USD"),
});

export type OrderLine = z.infer<typeof orderLine>;
export type OrderRequest = z.infer<typeof orderRequest>;
