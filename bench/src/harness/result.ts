/** What every benchmark hands back to the runner: its figures were already printed; this is the summary. */
export interface BenchResult {
  name: string;
  /** One line with the headline figures. */
  summary: string;
  /** Whether the benchmark's stated target was met (figures, not a test: a miss is reported, not thrown). */
  targetMet: boolean;
  /** Machine-readable figures (written to bench/results/<name>.json). */
  figures: unknown;
}

export interface BenchOptions {
  /** Short smoke mode: tiny sizes, for the test suite and a quick look. */
  quick: boolean;
  /** Where progress and tables go (stdout by default). */
  log: (line: string) => void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult>;
}
