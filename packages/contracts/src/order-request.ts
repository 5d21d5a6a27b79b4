import { z } from "zod";

/** ISO 4217 codes this runtime knows (from ICU), so no hand-kept list can drift. */
const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code in upper case")
  .refine((code) => knownCurrencies.has(code), "is not an ISO 4217 currency code");

export const orderLine = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.int().min(1).max(1000),
});

/** Body of `POST /orders`. */
export const orderRequest = z.strictObject({
  customerId: z.string().min(1).max(64),
  items: z
    .array(orderLine)
    .min(1)
    .max(50)
    .superRefine((items, ctx) => {
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
  currency: currencyCode.default("USD"),
});

export type OrderLine = z.infer<typeof orderLine>;
export type OrderRequest = z.infer<typeof orderRequest>;
