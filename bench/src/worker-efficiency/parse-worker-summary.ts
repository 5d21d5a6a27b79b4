export interface WorkerSummary {
  /** Orders/s through the write path at batch size 10. */
  ordersPerSecondAt10: number;
  /** Write path orders/s divided by the raw limit's (the worker benchmark's choice of baseline), at batch 10. */
  ratioAt10: number;
  /** Round trips per batch for each batch size, in the order printed. */
  roundTrips: number[];
}

/** Reads the figures out of the worker benchmark's one-line summary; throws when the format changed. */
export function parseWorkerSummary(line: string): WorkerSummary {
  const throughput = /batch 10 → (\d+) orders\/s/.exec(line);
  const ratio = /([\d.]+) x the (?:faster )?raw limit/.exec(line);
  const trips = /round trips per batch ([\d./]*\d)/.exec(line);
  if (!throughput?.[1] || !ratio?.[1] || !trips?.[1]) {
    throw new Error(`unexpected worker benchmark summary: ${line}`);
  }
  return {
    ordersPerSecondAt10: Number(throughput[1]),
    ratioAt10: Number(ratio[1]),
    roundTrips: trips[1].split("/").map(Number),
  };
}

/** One batch size of the worker benchmark: orders/s and round trips per batch for each side. */
export interface WorkerMeasurement {
  batchSize: number;
  ordersPerSecond: { writePath: number; rawInsert: number; rawOneMessage: number };
  roundTrips: { writePath: number; rawInsert: number; rawOneMessage: number };
}

/** Reads the worker benchmark's `figures:` line (its table, machine-readable); throws when it is missing. */
export function parseWorkerFigures(lines: readonly string[]): {
  itemsPerOrder: number;
  measurements: WorkerMeasurement[];
} {
  const line = lines.find((l) => l.startsWith("figures: "));
  if (!line) throw new Error("the worker benchmark printed no figures line");
  const figures = JSON.parse(line.slice("figures: ".length)) as {
    itemsPerOrder?: number;
    measurements?: WorkerMeasurement[];
  };
  if (typeof figures.itemsPerOrder !== "number" || !Array.isArray(figures.measurements)) {
    throw new Error(`unexpected worker benchmark figures: ${line}`);
  }
  return { itemsPerOrder: figures.itemsPerOrder, measurements: figures.measurements };
}
