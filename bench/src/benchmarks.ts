import { burstBenchmark } from "./burst/burst";
import { chainReadBenchmark } from "./chain-read/chain-read";
import { chaosBenchmark } from "./chaos/chaos-run";
import { coldStartBenchmark } from "./cold-start/cold-start";
import type { Benchmark } from "./harness/result";
import { connectionStormBenchmark } from "./storm/connection-storm";
import { workerEfficiencyBenchmark } from "./worker-efficiency/worker-efficiency";

/** Every benchmark, in the order `npm run bench` runs them. */
export const benchmarks: Benchmark[] = [
  connectionStormBenchmark,
  chainReadBenchmark,
  workerEfficiencyBenchmark,
  coldStartBenchmark,
  burstBenchmark,
  chaosBenchmark,
];
