import * as z from "zod/mini";

/**
 * Control characters (C0, DEL, C1: NUL among them), unpaired UTF-16 surrogates, format characters (bidi
 * overrides, zero-width marks) and the line and paragraph separators. PostgreSQL cannot store NUL at all, and
 * a lone surrogate has no UTF-8 form (the driver would store U+FFFD instead of what was sent); the others
 * store but make an id that reads differently in a log line than it compares.
 */
const unprintable = /[\p{Cc}\p{Cs}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * An identifier made of printable text, 1 to `maxLength` UTF-16 code units and not blank: what every text
 * column the order flow writes (`orders.customer_id`, `order_items.sku`, `products.sku` with its
 * `char_length between 1 and 64` check) holds. Code units, as JavaScript counts, are never fewer than the
 * characters PostgreSQL's `char_length` counts, so a value within the limit here fits the column too.
 *
 * @example
 * printableText(64).safeParse("KB-001").success; // true
 * printableText(64).safeParse("KB\u0000").success; // false
 */
export function printableText(maxLength: number) {
  return z.string().check(
    z.minLength(1),
    z.maxLength(maxLength),
    z.refine(
      (value: string) => !unprintable.test(value),
      "must be printable text: no control or format characters, no unpaired surrogates",
    ),
    // An empty string already fails minLength; only a non-empty run of spaces is reported as blank.
    z.refine((value: string) => value.length === 0 || value.trim().length > 0, "must not be blank"),
  );
}

/** The longest SKU and customer id the order flow stores (`products_sku_length` in the schema). */
export const MAX_ID_LENGTH = 64;

/** A SKU as orders name it and the catalogue keys it. */
export const sku = printableText(MAX_ID_LENGTH);

/** A customer id: the subject of the caller's access token. */
export const customerId = printableText(MAX_ID_LENGTH);
