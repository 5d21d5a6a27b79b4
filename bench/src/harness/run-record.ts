import { readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import type { BenchResult } from "./result";

/** The machine a benchmark ran on: figures from a loaded two-core box and a quiet workstation differ. */
export interface MachineRecord {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  /** The distribution's name where /etc/os-release has one, else the kernel's. */
  os: string;
  kernel: string;
  node: string;
}

/** When a run happened and how busy the machine was around it (1, 5 and 15 minute load averages). */
export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  /** Short smoke sizes (`--quick`) rather than the full run. */
  quick: boolean;
  machine: MachineRecord;
  loadAverage: { start: number[]; end: number[] };
}

/** What bench/results/<name>.json holds: the benchmark's result and the run it came from. */
export interface ResultFile extends BenchResult {
  run: RunRecord;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (pretty?.[1]) return pretty[1];
  } catch {
    // Not Linux, or no os-release: the kernel's name is the best there is.
  }
  return `${type()} ${release()}`;
}

const roundLoad = (values: number[]) => values.map((v) => Math.round(v * 100) / 100);

/** The machine as Node sees it now. */
export function describeMachine(): MachineRecord {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    memoryBytes: totalmem(),
    os: osName(),
    kernel: `${type()} ${release()}`,
    node: process.version,
  };
}

/** Call before a benchmark starts; `finish` stamps its result with the run's time, machine and load. */
export function startRun(quick: boolean): { finish(result: BenchResult): ResultFile } {
  const startedAt = new Date().toISOString();
  const start = roundLoad(loadavg());
  return {
    finish: (result) => ({
      ...result,
      run: {
        startedAt,
        finishedAt: new Date().toISOString(),
        quick,
        machine: describeMachine(),
        loadAverage: { start, end: roundLoad(loadavg()) },
      },
    }),
  };
}

/** The text of bench/results/<name>.json, the file `npm run docs:performance` reads. */
export function resultFileText(file: ResultFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
