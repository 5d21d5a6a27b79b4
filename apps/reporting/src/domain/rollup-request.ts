// zod/mini words issues in English only once told to; "days" and the types rely on zod's own messages.
import "@orders/contracts/zod";
import * as z from "zod/mini";
import { maxRangeDays } from "./report-limits";
import { daySpan, isUtcDay, type UtcDay } from "./utc-day";

const utcDay = z.string().check(z.refine(isUtcDay, "must be a calendar day as YYYY-MM-DD"));

/**
 * Extra days a rollup run should rebuild (a backfill), on top of the scheduled window. Either a list of days,
 * a `from`..`to` range (both included), or both.
 */
export const rollupRequestSchema = z
  .object({
    days: z.optional(z.array(utcDay).check(z.maxLength(maxRangeDays))),
    from: z.optional(utcDay),
    to: z.optional(utcDay),
  })
  .check(
    z.superRefine((request, ctx) => {
      if ((request.from === undefined) !== (request.to === undefined)) {
        ctx.addIssue({ code: "custom", path: ["to"], message: "from and to must be given together" });
        return;
      }
      if (request.from === undefined || request.to === undefined) return;
      const span = daySpan(request.from, request.to);
      if (span < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
      if (span > maxRangeDays) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: `a range covers at most ${maxRangeDays} days`,
        });
      }
    }),
  );

export type RollupRequest = z.infer<typeof rollupRequestSchema>;

/** A request whose days are already validated. */
export interface ValidRollupRequest {
  days?: UtcDay[];
  from?: UtcDay;
  to?: UtcDay;
}

/**
 * Reads the backfill request out of whatever invoked the rollup: an EventBridge scheduled event (no request:
 * its `detail` is `{}`), a rule or schedule target with a constant JSON input (`{"days": [...]}`, the request
 * is the whole event), or a custom event carrying the request in `detail`. Throws zod's error (`$ZodError`,
 * its message the issues as JSON) naming the bad field, so a mistyped backfill fails loudly instead of
 * silently rolling up nothing.
 */
export function parseRollupRequest(event: unknown): ValidRollupRequest {
  const top = isRecord(event) ? event : {};
  const detail = isRecord(top.detail) ? top.detail : {};
  const { days, from, to } = { ...top, ...detail };
  return z.parse(rollupRequestSchema, { days, from, to });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
