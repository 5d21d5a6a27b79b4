import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../harness/run-script";
import { renderHeadline, renderPerformanceDoc } from "./performance-doc";
import { replaceHeadline } from "./readme-headline";

const resultsDir = join(repoRoot, "bench/results");
const results = readdirSync(resultsDir)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => ({
    file: `bench/results/${name}`,
    data: JSON.parse(readFileSync(join(resultsDir, name), "utf8")) as unknown,
  }));

// The committed pages are what `npm run docs:performance` makes of the committed result files: a figure edited
// by hand, or a result file committed without regenerating the pages, fails here.
describe("the committed docs", () => {
  it("docs/performance.md is generated from bench/results", () => {
    const committed = readFileSync(join(repoRoot, "docs/performance.md"), "utf8");
    expect(committed, "run `npm run docs:performance`").toBe(renderPerformanceDoc(results));
  });

  it("README.md's headline table is generated from bench/results", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    expect(readme, "run `npm run docs:performance`").toBe(replaceHeadline(readme, renderHeadline(results)));
  });

  it.each(results.map((r) => [r.file, r] as const))(
    "%s without its figures fails the report, naming them",
    (file, r) => {
      const { figures: _figures, ...rest } = r.data as Record<string, unknown>;
      expect(() => renderPerformanceDoc([{ file, data: rest }])).toThrow(`${file}: field "figures`);
    },
  );

  it("every benchmark has a committed result file", () => {
    expect(results.map((r) => r.file)).toEqual(
      ["burst", "chaos", "cold-start", "efficiency", "storm"].map((name) => `bench/results/${name}.json`),
    );
  });
});
