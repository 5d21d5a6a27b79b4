import { describe, expect, it } from "vitest";
import { ResultFieldError } from "./fields";
import { renderHeadline, renderPerformanceDoc } from "./performance-doc";
import { headlineMarkers, replaceHeadline } from "./readme-headline";

const run = {
  startedAt: "2026-12-07T21:27:47.000Z",
  finishedAt: "2026-12-07T21:29:17.000Z",
  quick: false,
  machine: {
    cpus: 2,
    cpuModel: "AMD EPYC",
    memoryBytes: 25_276_182_528,
    os: "Debian GNU/Linux 12 (bookworm)",
    kernel: "Linux 6.1.0",
    node: "v24.21.0",
  },
  loadAverage: { start: [15.92, 11.79, 5.29], end: [14.92, 11.82, 5.44] },
};

const round = (target: string, instances: number, succeeded: number, extra: object = {}) => ({
  target,
  instances,
  succeeded,
  failuresByCode: {},
  wallMs: 5026,
  latency: { count: instances, p50: 4113.4, p99: 4959, max: 5001 },
  peakBackends: 20,
  maxLoopDelayMs: 650,
  leftOpen: 0,
  pinnedSessions: 0,
  ...extra,
});

function stormResult() {
  return {
    name: "storm",
    summary: "N=2000: pooler 2000/2000 ok",
    targetMet: true,
    figures: {
      maxConnections: 100,
      poolSize: 20,
      writePath: "worker processOrderBatch, 1 order per instance",
      shards: 8,
      poolerAuth: "token",
      rounds: [
        round("direct", 2000, 320, {
          failuresByCode: { "53300": 817, CONNECT_TIMEOUT: 863 },
          peakBackends: 74,
        }),
        round("pooler", 2000, 2000),
      ],
    },
    run,
  };
}

const sectionOf = (doc: string, heading: string) => {
  const start = doc.indexOf(`## ${heading}\n`);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
};

describe("renderPerformanceDoc", () => {
  it("turns a storm result file into its section: settings, one row per round, the run and its verdict", () => {
    const doc = renderPerformanceDoc([{ file: "bench/results/storm.json", data: stormResult() }]);
    const storm = sectionOf(doc, "Connection storm");
    expect(storm).toContain(
      "Run of 2026-12-07 21:27 UTC; target **met**: N=2000: pooler 2000/2000 ok.\n\n" +
        "`max_connections` 100, pool 20, write path: worker processOrderBatch, 1 order per instance, " +
        "simulator processes: 8, pooler login: token.\n\n" +
        "| target | N | ok | failed | failures by code | wall ms | p50 ms | p99 ms | peak backends | left open | pinned | max loop lag ms |\n" +
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n" +
        "| direct | 2,000 | 320 | 1,680 | 53300: 817, CONNECT_TIMEOUT: 863 | 5,026 | 4,113.4 | 4,959 | 74 | 0 |  | 650 |\n" +
        "| pooler | 2,000 | 2,000 | 0 |  | 5,026 | 4,113.4 | 4,959 | 20 | 0 | 0 | 650 |\n",
    );
    expect(sectionOf(doc, "Runs")).toContain(
      "| storm | 2026-12-07 21:27 UTC | 1.5 | full | 2 × AMD EPYC | 24 GiB | Debian GNU/Linux 12 (bookworm) | v24.21.0 | 15.92 / 11.79 / 5.29 → 14.92 / 11.82 / 5.44 |",
    );
    // A benchmark without a result file says so instead of inventing figures.
    expect(sectionOf(doc, "Burst")).toContain("No result file yet: `npm run bench -- burst`");
  });

  it("refuses a result file that lacks a figure, naming the file and the field", () => {
    const broken = stormResult();
    delete (broken.figures.rounds[1] as { peakBackends?: number }).peakBackends;
    const render = () => renderPerformanceDoc([{ file: "bench/results/storm.json", data: broken }]);
    expect(render).toThrow(ResultFieldError);
    expect(render).toThrow('bench/results/storm.json: field "figures.rounds.1.peakBackends" is missing');
  });

  it("refuses a result file without the machine it ran on", () => {
    const { run: _run, ...withoutRun } = stormResult();
    expect(() => renderPerformanceDoc([{ file: "bench/results/storm.json", data: withoutRun }])).toThrow(
      'bench/results/storm.json: field "run" is missing',
    );
  });
});

describe("renderHeadline", () => {
  it("gives one short row per result, linking to the section that says how it is measured", () => {
    expect(renderHeadline([{ file: "bench/results/storm.json", data: stormResult() }])).toBe(
      "| what | current figure | how it is measured |\n| --- | --- | --- |\n" +
        "| connection storm, 2,000 instances at once | pooled: 2,000 / 2,000 served, 20 backends, 0 pinned; " +
        "direct: 320 / 2,000 | [storm](docs/performance.md#connection-storm) |",
    );
  });
});

describe("replaceHeadline", () => {
  it("replaces only the text between the markers", () => {
    const readme = `intro\n${headlineMarkers.start}\nold table\n${headlineMarkers.end}\nrest\n`;
    expect(replaceHeadline(readme, "new table")).toBe(
      `intro\n${headlineMarkers.start}\n\nnew table\n\n${headlineMarkers.end}\nrest\n`,
    );
  });

  it("refuses a README whose markers are gone", () => {
    expect(() => replaceHeadline("no markers here", "table")).toThrow(/lacks the headline markers/);
  });
});
