import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseOrExit } from "@orders/cli-args";
import { repoRoot } from "../harness/run-script";
import { type ResultInput, renderHeadline, renderPerformanceDoc } from "./performance-doc";
import { replaceHeadline } from "./readme-headline";

/**
 * `npm run docs:performance`: writes docs/performance.md and the README's headline table from every
 * bench/results/*.json, so a re-run of the benchmarks followed by this command refreshes both.
 */
parseOrExit({
  name: "npm run docs:performance",
  usage: `Usage: npm run docs:performance
Writes docs/performance.md and the README's headline table from every bench/results/*.json.
  -h, --help   this text`,
  options: {},
});

const resultsDir = join(repoRoot, "bench/results");
const names = (await readdir(resultsDir)).filter((name) => name.endsWith(".json")).sort();
const results: ResultInput[] = await Promise.all(
  names.map(async (name) => ({
    file: `bench/results/${name}`,
    data: JSON.parse(await readFile(join(resultsDir, name), "utf8")) as unknown,
  })),
);
const readmePath = join(repoRoot, "README.md");
await writeFile(join(repoRoot, "docs/performance.md"), renderPerformanceDoc(results));
await writeFile(readmePath, replaceHeadline(await readFile(readmePath, "utf8"), renderHeadline(results)));
console.log(`docs/performance.md and README.md's headline table written from ${results.length} result files`);
