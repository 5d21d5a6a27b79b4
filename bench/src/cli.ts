import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseOrExit, UsageError } from "@orders/cli-args";
import { benchmarks } from "./benchmarks";
import type { BenchResult } from "./harness/result";
import { resultFileText, startRun } from "./harness/run-record";
import { formatTable } from "./harness/table";

const width = Math.max(...benchmarks.map((b) => b.name.length));

const benchCommand = {
  name: "npm run bench",
  usage: [
    "Usage: npm run bench [-- [--quick] [<benchmark>...]]",
    "Runs the named benchmarks (every one when none is named) and prints a summary table; each one's figures",
    "also go to bench/results/<benchmark>.json.",
    "  --quick      the short smoke sizes",
    "  -h, --help   this text",
    "Benchmarks:",
    ...benchmarks.map((b) => `  ${b.name.padEnd(width)}  ${b.description}`),
  ].join("\n"),
  options: { quick: { type: "boolean" } },
  allowPositionals: true,
} as const;

/** `npm run bench`: see the usage above. */
async function main(argv: string[]): Promise<void> {
  const { quick, names } = parseOrExit(benchCommand, argv, ({ values, positionals }) => {
    const unknown = positionals.filter((n) => !benchmarks.some((b) => b.name === n));
    if (unknown.length > 0) {
      throw new UsageError(`unknown benchmark(s): ${unknown.join(", ")} (see the list below)`);
    }
    return { quick: values.quick ?? false, names: positionals };
  });
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
