import { scheduleMinutes } from "./plan/monthly-cost";
import type { StageProfile } from "./stage-profile";

/** How a scheduled rollup is retried before it lands in the rollup's own dead-letter queue. */
export interface RollupRetry {
  /** EventBridge Scheduler: attempts to deliver the invocation (its maximum is 185). */
  scheduleRetries: number;
  /** EventBridge Scheduler: how long it keeps trying to deliver one invocation (60 s to 24 h). */
  scheduleMaximumEventAgeSeconds: number;
  /** Lambda's asynchronous invocation: retries of a run that failed (0 to 2). */
  functionRetries: number;
  /** Lambda's asynchronous invocation: how long an event may wait for a run (60 s to 6 h). */
  functionMaximumEventAgeSeconds: number;
}

/**
 * Retry settings of the rollup's schedule. EventBridge Scheduler invokes the function asynchronously, so two
 * layers retry: the schedule retries an invocation it could not deliver (the function throttled at its
 * reserved concurrency of 1 by a running backfill, a permissions error), and Lambda retries a run that threw.
 * Both keep trying only until the next scheduled run would start, which rebuilds the same days anyway; what
 * still failed then goes to the rollup's dead-letter queue (the schedule's `deadLetterConfig` and the
 * function's on-failure destination), which an alarm watches. Sources: "Configuring a schedule's
 * dead-letter queue in EventBridge Scheduler", "RetryPolicy" (EventBridge Scheduler API reference) and
 * "Configuring error handling for Lambda asynchronous invocation".
 */
export function rollupRetry(profile: Pick<StageProfile, "rollupSchedule">): RollupRetry {
  const untilNextRun = Math.max(60, scheduleMinutes(profile.rollupSchedule) * 60);
  return {
    scheduleRetries: 185,
    scheduleMaximumEventAgeSeconds: Math.min(untilNextRun, 24 * 3600),
    functionRetries: 2,
    functionMaximumEventAgeSeconds: Math.min(untilNextRun, 6 * 3600),
  };
}

/** The rollup may send a failed asynchronous invocation to its dead-letter queue (its on-failure destination). */
export function rollupDeadLetterPermission(deadLetterQueueArn: string): {
  actions: string[];
  resources: string[];
} {
  return { actions: ["sqs:SendMessage"], resources: [deadLetterQueueArn] };
}
