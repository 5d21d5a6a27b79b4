import * as z from "zod/mini";
import { maxRangeDays } from "../domain/report-limits";
import { daySpan, isUtcDay, UTC_DAY_PATTERN } from "../domain/utc-day";

/**
 * Query schemas of the reports (zod/mini). The routes validate with them, and the OpenAPI document is
 * generated from these same schemas (openapi/document.ts); the response schemas are documentation only
 * (openapi/response-schemas.ts).
 */

/** A UTC day; as a regex check, the document publishes the same pattern the service refuses by. */
const day = z
  .string({ error: "required, as YYYY-MM-DD" })
  .check(z.regex(UTC_DAY_PATTERN, "must be a calendar day from 0001-01-01, as YYYY-MM-DD"));

/** Checks that a `from`..`to` range is in order and at most {@link maxRangeDays} long; blames `to`. */
const checkRange = z.superRefine((range: { from: string; to: string }, ctx) => {
  if (!isUtcDay(range.from) || !isUtcDay(range.to)) return;
  const span = daySpan(range.from, range.to);
  if (span < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  if (span > maxRangeDays) {
    ctx.addIssue({ code: "custom", path: ["to"], message: `the range covers at most ${maxRangeDays} days` });
  }
});

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`. */
export const rangeQuerySchema = z.object({ from: day, to: day }).check(checkRange);

/** `?from=...&to=...&limit=N` (limit 1..100, default 10). */
export const topProductsQuerySchema = z
  .object({
    from: day,
    to: day,
    limit: z._default(
      z.coerce
        .number({ error: "must be a whole number" })
        .check(
          z.int("must be a whole number"),
          z.gte(1, "must be at least 1"),
          z.lte(100, "must be at most 100"),
        ),
      10,
    ),
  })
  .check(checkRange);
