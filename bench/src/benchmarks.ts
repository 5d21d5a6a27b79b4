import { burstBenchmark } from "./burst/burst";
import { chaosBenchmark } from "./chaos/chaos-run";
import { coldStartBenchmark } from "./cold-start/cold-start";
import type { Benchmark } from "./harness/result";
import { connectionStormBenchmark } from "./storm/connection-storm";
import { workerEfficiencyBenchmark } from "./worker-efficiency/worker-efficiency";

/** Every benchmark, in the order `npm run bench` runs them. */
export const benchmarks: Benchmark[] = [
  connectionStormBenchmark,
  workerEfficiencyBenchmark,
  coldStartBenchmark,
  burstBenchmark,
  chaosBenchmark,
];
