import { createOrderQueues, startEventSourceMapping } from "@orders/local-aws";
import { pause } from "../harness/pause";
import type { Benchmark, BenchOptions, BenchResult } from "../harness/result";
import { freezeChecks, recordChecks, redriveChecks, row, stockBySku } from "./chaos-checks";
import { type ChaosSettings, chaosPlan } from "./chaos-plan";
import { chaosReport } from "./chaos-report";
import { startChaosRig } from "./chaos-rig";
import { type ChaosCounters, chaoticHandler } from "./chaotic-handler";
import { watchContainerCrashes } from "./container-crashes";
import { drainUnderChaos } from "./drain-under-chaos";
import { freezePhase } from "./freeze-phase";
import { sendBodies } from "./send-bodies";

export type { ChaosCheck } from "./chaos-checks";
export type { ChaosFigures } from "./chaos-report";

// The invocation timeout of the run's mapping (the deployed one is 30 s): a hung invocation (a crashed
// container's) fails after 10 s; the worker gives up on a batch the frozen database holds
// `workerBatchMarginMs` before that.
const functionTimeoutSeconds = 10;
// No shorter than the function's timeout, which Lambda requires of a queue it polls ("Using Lambda with
// Amazon SQS", https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html): a batch that waits out the
// frozen database must not be handed to another worker while it still runs. Short, unlike the deployed
// 181 s, so failed batches come back within seconds.
const visibilityTimeoutSeconds = functionTimeoutSeconds;
const receiveWaitSeconds = 1;

/** The run's sizes and fault rates: 10,000 orders, or 500 with more crashes in quick mode. */
export function chaosSettings(options: BenchOptions & { settings?: Partial<ChaosSettings> }): ChaosSettings {
  return {
    orders: options.quick ? 500 : 10_000,
    duplicateRate: 0.05,
    poisonRate: 0.01,
    crashAfterCommitRate: options.quick ? 0.05 : 0.02,
    crashBeforeCommitRate: options.quick ? 0.05 : 0.02,
    ...options.settings,
  };
}

/**
 * Chaos run: orders with duplicate deliveries and poison messages, through fauxqs and the event-source-mapping
 * emulator into the real worker handler, while invocations crash before and after commit and PostgreSQL
 * restarts once; then the database and the queue endpoint each go silent for 10 s while clients call the real
 * API (see freeze-phase.ts). Then checks, from the database and the queues: every valid order recorded exactly
 * once, stock = initial − accepted units, every poison message in the DLQ after exactly maxReceiveCount
 * receives, and a redrive moves the DLQ back to the orders queue.
 */
export async function chaosRun(
  options: BenchOptions & { settings?: Partial<ChaosSettings> },
): Promise<BenchResult> {
  const settings = chaosSettings(options);
  const plan = chaosPlan(settings);
  const log = options.log;
  const crashes = watchContainerCrashes();
  const rig = await startChaosRig(crashes);
  try {
    const queues = await createOrderQueues(rig.sqs, { name: "chaos", visibilityTimeoutSeconds });
    const initialStock = await stockBySku(rig.admin);
    const counters: ChaosCounters = {
      invocations: 0,
      crashesBeforeCommit: 0,
      crashesAfterCommit: 0,
      receivesByBody: new Map(),
      messageIdsByBody: new Map(),
    };
    const mapping = await startEventSourceMapping({
      sqs: rig.sqs,
      queueUrl: queues.queueUrl,
      handler: chaoticHandler(rig.workers.handler, settings, counters),
      receiveWaitSeconds,
      timeoutSeconds: functionTimeoutSeconds,
      onBatch: () => {},
      onError: () => {},
    });

    const started = performance.now();
    log(
      `chaos: sending ${plan.bodies.length} messages (${plan.duplicates} duplicates, ${plan.poison.size} poison)`,
    );
    await sendBodies(rig.sqs, queues.queueUrl, plan.bodies);
    const drained = await drainUnderChaos({
      admin: rig.admin,
      sqs: rig.sqs,
      queues,
      validOrders: plan.valid.length,
      poisonMessages: plan.poison.size,
      restartDatabase: async () => {
        await rig.database.server.restart();
        crashes.restarted();
      },
      freeze: () =>
        freezePhase({
          env: rig.apiEnv(queues.queueUrl),
          database: rig.databaseFreeze,
          queue: rig.queueFreeze,
          freezeMs: settings.freezeMs ?? 10_000,
          clients: 4,
          log,
        }),
      deadline: Date.now() + (options.quick ? 180_000 : 900_000),
      log,
    });
    const drainMs = Math.round(performance.now() - started);
    await mapping.stop();
    // The mapping's last long poll was aborted, but the emulator may still hand it the messages the redrive
    // is about to send (they would then stay invisible for a visibility timeout): let that poll expire first.
    await pause(receiveWaitSeconds * 1000 + 500);
    log(`chaos: settled in ${drainMs} ms after ${counters.invocations} invocations`);

    const recorded = await recordChecks(rig.admin, plan, initialStock, counters, drained.freeze);
    const redrive = await redriveChecks(rig.sqs, queues, plan.poison);
    const pinnedSessions = rig.pinning.pinnedSessions().length;
    return chaosReport(
      {
        settings,
        plan,
        counters,
        crashes: crashes.crashes(),
        restarts: drained.restarts,
        containers: rig.workers.containers(),
        drainMs,
        deadLettered: redrive.deadLettered,
        redrivenArePoison: redrive.redrivenArePoison,
        pinnedSessions,
        freezes: drained.freeze.windows,
        apiOrders: drained.freeze.acceptedOrderIds.length,
        checks: [
          ...recorded,
          ...freezeChecks(drained.freeze),
          ...redrive.checks,
          row("sessions that would pin at RDS Proxy", 0, pinnedSessions),
        ],
      },
      log,
    );
  } finally {
    crashes.stop();
    await rig.stop();
  }
}

export const chaosBenchmark: Benchmark = {
  name: "chaos",
  description:
    "10,000 orders with duplicates, poison, worker crashes, a PostgreSQL restart and 10 s of silent database and queue endpoint under API load: exactly-once verdict, API p99 within the deadlines",
  run: (options) => chaosRun(options),
};
