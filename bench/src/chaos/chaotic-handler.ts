import type { SqsLambdaHandler } from "@orders/local-aws";
import type { ChaosSettings } from "./chaos-plan";

export interface ChaosCounters {
  invocations: number;
  crashesBeforeCommit: number;
  crashesAfterCommit: number;
  /** How many times the function was handed each body (poison receives are checked against this). */
  receivesByBody: Map<string, number>;
  /** The distinct SQS messages that carried each body: a duplicate delivery is a second message id. */
  messageIdsByBody: Map<string, Set<string>>;
}

/** A crash the run injects on schedule (not a fault): the mapping treats it as any failed invocation. */
export class InjectedCrash extends Error {
  constructor(readonly moment: "before commit" | "after commit") {
    super(
      moment === "before commit"
        ? "chaos: worker crashed before commit"
        : "chaos: worker crashed after commit, before the messages were deleted",
    );
    this.name = "InjectedCrash";
  }
}

/**
 * Wraps the real worker handler with injected crashes: "before commit" throws before the handler runs (the
 * batch never reaches the database); "after commit" lets the handler commit and then throws, so the mapping
 * deletes nothing and every message of the batch is delivered again. Crashes follow a fixed schedule (every
 * 1/rate-th invocation, the two kinds offset), so even a short run has both kinds.
 */
export function chaoticHandler(
  handler: SqsLambdaHandler,
  settings: Pick<ChaosSettings, "crashAfterCommitRate" | "crashBeforeCommitRate">,
  counters: ChaosCounters,
): SqsLambdaHandler {
  const everyBefore = settings.crashBeforeCommitRate > 0 ? Math.round(1 / settings.crashBeforeCommitRate) : 0;
  const everyAfter = settings.crashAfterCommitRate > 0 ? Math.round(1 / settings.crashAfterCommitRate) : 0;
  return async (event, context) => {
    const n = counters.invocations++;
    for (const record of event.Records) {
      counters.receivesByBody.set(record.body, (counters.receivesByBody.get(record.body) ?? 0) + 1);
      const ids = counters.messageIdsByBody.get(record.body) ?? new Set<string>();
      counters.messageIdsByBody.set(record.body, ids.add(record.messageId));
    }
    if (everyBefore > 0 && n % everyBefore === everyBefore - 1) {
      counters.crashesBeforeCommit++;
      throw new InjectedCrash("before commit");
    }
    const result = await handler(event, context);
    if (everyAfter > 0 && n % everyAfter === Math.floor(everyAfter / 2)) {
      counters.crashesAfterCommit++;
      throw new InjectedCrash("after commit");
    }
    return result;
  };
}
