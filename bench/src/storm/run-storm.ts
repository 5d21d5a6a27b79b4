import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { serviceRoles } from "@orders/settings";
import { startBackendSampler } from "../harness/backend-sampler";
import { type LatencySummary, summariseLatency } from "../harness/latency";
import { repoRoot } from "../harness/run-script";
import { type InstanceOutcome, prepareInstances } from "./storm-instances";

export interface StormOptions {
  /** Connection URL each instance uses (straight to PostgreSQL, or through the pooler). */
  url: string;
  /** Superuser URL of the same server, for sampling `pg_stat_activity`. */
  adminUrl: string;
  instances: number;
  /** Prefix of each instance's `application_name` (tells rounds apart in `pg_stat_activity`). */
  label: string;
  /**
   * Simulator processes the instances are spread over (0: this process). Each instance's connect handshake
   * (SCRAM: PBKDF2 with 4,096 rounds) runs on the simulator's CPU, which real instances each have to
   * themselves; one event loop doing 2,000 of them stalls for seconds and times its own clients out.
   */
  shards: number;
  /**
   * Backends to leave out of the peak: a failed direct client can come back after it was closed (postgres.js
   * reconnecting) and sit idle; it is not the pooler's, so a pooled round does not count it.
   */
  ignoreApplicationPrefix?: string;
}

export interface StormResult {
  instances: number;
  succeeded: number;
  /** Failures by SQLSTATE / driver code (`53300` = too many clients). */
  failuresByCode: Record<string, number>;
  wallMs: number;
  latency: LatencySummary;
  peakBackends: number;
  /** Longest event-loop stall of a simulator process: seconds mean the simulator, not the server, was the limit. */
  maxLoopDelayMs: number;
}

type Done = { outcomes: InstanceOutcome[]; maxLoopDelayMs: number };

/**
 * N concurrent "function instances": each creates its own client as a Lambda container does, then all of
 * them write one order at the same moment and close. A separate superuser connection samples how many
 * server backends the worker role holds meanwhile.
 */
export async function runStorm(options: StormOptions): Promise<StormResult> {
  const sampler = await startBackendSampler(options.adminUrl, serviceRoles.worker, {
    ...(options.ignoreApplicationPrefix ? { ignoreApplicationPrefix: options.ignoreApplicationPrefix } : {}),
  });
  let started = 0;
  let results: Done[];
  if (options.shards <= 0) {
    const prepared = prepareInstances(options.url, options.instances, options.label);
    started = performance.now();
    results = [await prepared.go()];
  } else {
    const shards = await startShards(options);
    started = performance.now();
    results = await Promise.all(shards.map((go) => go()));
  }
  const wallMs = performance.now() - started;
  const { peak } = await sampler.stop();

  const outcomes = results.flatMap((r) => r.outcomes);
  const failuresByCode: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (!outcome.ok) failuresByCode[outcome.code] = (failuresByCode[outcome.code] ?? 0) + 1;
  }
  return {
    instances: options.instances,
    succeeded: outcomes.filter((o) => o.ok).length,
    failuresByCode,
    wallMs: Math.round(wallMs),
    latency: summariseLatency(outcomes.map((o) => o.ms)),
    peakBackends: peak,
    maxLoopDelayMs: Math.max(...results.map((r) => r.maxLoopDelayMs)),
  };
}

/** Forks the simulator processes and waits until each has created its clients; returns their `go`s. */
async function startShards(options: StormOptions): Promise<(() => Promise<Done>)[]> {
  const script = fileURLToPath(new URL("./storm-shard.ts", import.meta.url));
  const per = Math.ceil(options.instances / options.shards);
  return await Promise.all(
    Array.from({ length: options.shards }, async (_, s) => {
      const count = Math.max(0, Math.min(per, options.instances - s * per));
      const child = fork(script, [], { cwd: repoRoot, execArgv: ["--import", "tsx"], stdio: "inherit" });
      const next = <T>() =>
        new Promise<T>((resolve, reject) => {
          child.once("message", (message) => resolve(message as T));
          child.once("exit", (code) => reject(new Error(`storm shard exited with ${code}`)));
        });
      const ready = next<{ type: "ready" }>();
      child.send({ url: options.url, count, label: options.label, firstSeq: s * per });
      await ready;
      return async () => {
        const done = next<{ type: "done" } & Done>();
        child.send("go");
        return await done;
      };
    }),
  );
}
