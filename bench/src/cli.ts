import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { benchmarks } from "./benchmarks";
import type { BenchResult } from "./harness/result";
import { resultFileText, startRun } from "./harness/run-record";
import { formatTable } from "./harness/table";

/**
 * `npm run bench` runs every benchmark and prints a summary table; `npm run bench -- <name> [...]` runs the
 * named ones; `--quick` uses the short smoke sizes. Figures also go to bench/results/<name>.json.
 */
async function main(argv: string[]): Promise<void> {
  const quick = argv.includes("--quick");
  const names = argv.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !benchmarks.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")}\navailable:`);
    for (const b of benchmarks) console.error(`  ${b.name.padEnd(10)} ${b.description}`);
    process.exit(2);
  }
  const selected = names.length > 0 ? benchmarks.filter((b) => names.includes(b.name)) : benchmarks;
  const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));
  await mkdir(resultsDir, { recursive: true });

  const results: (BenchResult | { name: string; summary: string; targetMet: false; error: true })[] = [];
  for (const bench of selected) {
    console.log(`\n== ${bench.name}: ${bench.description}`);
    try {
      const run = startRun(quick);
      const result = await bench.run({ quick, log: (line) => console.log(line) });
      console.log(`${bench.name}: ${result.summary}`);
      await writeFile(`${resultsDir}${bench.name}.json`, resultFileText(run.finish(result)));
      results.push(result);
    } catch (error) {
      console.error(error);
      results.push({ name: bench.name, summary: `error: ${String(error)}`, targetMet: false, error: true });
    }
  }
  console.log(
    `\n${formatTable(results.map((r) => ({ benchmark: r.name, target: r.targetMet ? "met" : "MISSED", summary: r.summary })))}`,
  );
  if (results.some((r) => "error" in r)) process.exitCode = 1;
}

await main(process.argv.slice(2));
