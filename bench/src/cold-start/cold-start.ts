import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { createOrderQueues, startLocalSqs } from "@orders/local-aws";
import { median } from "simple-statistics";
import { startBenchDatabase } from "../harness/bench-database";
import type { Benchmark, BenchOptions, BenchResult } from "../harness/result";
import { repoRoot } from "../harness/run-script";
import { formatTable } from "../harness/table";
import { bundleHandler, type HandlerBundle } from "./bundle-handler";
import { driverSource } from "./driver-source";
import { existingHandlers } from "./handler-entries";
import { handlersUnderTest, type LocalDeps } from "./handlers";

const MB = 1024 * 1024;
/** The issue's size limit for a function's code ("1 MB"), read as 1,000,000 bytes. */
export const MAX_BUNDLE_BYTES = 1_000_000;

interface Sample {
  initMs: number;
  importMs: number;
  invokeMs: number;
  outcome: string;
  handles: string[];
}

export interface ColdStartRow {
  name: string;
  entry: string;
  bundle: Omit<HandlerBundle, "file">;
  runs: number;
  /** Median ms from process start until the handler module is imported (Lambda's Init Duration). */
  initMs: number;
  /** Median ms of importing the bundle alone. */
  importMs: number;
  /** Median ms of the first invocation against the local dependencies (0 when not invoked). */
  invokeMs: number;
  outcome: string;
  /** Handles left open by the import alone (work done at import time that could wait for first use). */
  handlesAfterImport: string[];
  note?: string;
  reference?: true;
}

/**
 * Cold start and bundle size of every Lambda handler (a missing entry file fails the run): each is bundled as SST would, then run in
 * fresh `node` processes that import it and serve one invocation against an embedded PostgreSQL and fauxqs,
 * beside an empty handler's.
 */
export async function coldStart(options: BenchOptions): Promise<BenchResult> {
  const runs = options.quick ? 1 : 5;
  const present = existingHandlers(handlersUnderTest, repoRoot);
  const dir = await mkdtemp(join(tmpdir(), "orders-cold-start-"));
  const database = await startBenchDatabase();
  const sqs = await startLocalSqs();
  const client = sqs.client();
  const rows: ColdStartRow[] = [];
  try {
    const queues = await createOrderQueues(client, { name: "cold-start" });
    const deps: LocalDeps = {
      env: {
        ...sqs.env(),
        ORDERS_QUEUE_URL: sqs.reachableQueueUrl(queues.queueUrl),
        ORDERS_DLQ_URL: sqs.reachableQueueUrl(queues.deadLetterQueueUrl),
        POWERTOOLS_LOG_LEVEL: "SILENT",
        POWERTOOLS_METRICS_DISABLED: "true",
        POWERTOOLS_DEV: "false",
      },
      databaseUrl: (service) => database.serviceUrl(service),
      queueArn: queues.queueArn,
    };
    const driver = join(dir, "driver.mjs");
    await writeFile(driver, driverSource);

    for (const handler of present) {
      const bundle = await bundleHandler(join(repoRoot, handler.entry), dir, handler.name);
      // As in Lambda: the copied files beside the bundle, which is the task root.
      const taskRoot = dirname(bundle.file);
      for (const file of handler.copyFiles ?? []) {
        await mkdir(dirname(join(taskRoot, file.to)), { recursive: true });
        await copyFile(join(repoRoot, file.from), join(taskRoot, file.to));
      }
      const samples: Sample[] = [];
      for (let run = 0; run < runs; run++) {
        const payload = handler.event(deps);
        const event = payload === "none" ? "none" : JSON.stringify(payload);
        const { stdout } = await promisify(execFile)(process.execPath, [driver, bundle.file, event], {
          env: { PATH: process.env.PATH ?? "", LAMBDA_TASK_ROOT: taskRoot, ...handler.env(deps) },
          cwd: dir,
          maxBuffer: 16 * MB,
        });
        const line = stdout.split("\n").find((l) => l.startsWith("@@cold-start "));
        if (!line) throw new Error(`${handler.name}: the cold-start driver printed no result:\n${stdout}`);
        samples.push(JSON.parse(line.slice("@@cold-start ".length)) as Sample);
      }
      const med = (values: number[]) => Math.round(median(values) * 10) / 10;
      const { file: _file, ...bundleFigures } = bundle;
      rows.push({
        name: handler.name,
        entry: handler.entry,
        bundle: bundleFigures,
        runs,
        initMs: med(samples.map((s) => s.initMs)),
        importMs: med(samples.map((s) => s.importMs)),
        invokeMs: med(samples.map((s) => s.invokeMs)),
        outcome: samples.at(-1)?.outcome ?? "",
        handlesAfterImport: samples.at(-1)?.handles ?? [],
        ...(handler.note ? { note: handler.note } : {}),
        ...(handler.reference ? { reference: true as const } : {}),
      });
      options.log(`  ${handler.name}: bundled and started ${runs}x`);
    }
  } finally {
    client.destroy();
    await sqs.stop();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }

  const empty = rows.find((r) => r.name === "empty");
  const ratio = (r: ColdStartRow) => (empty ? Math.round((r.initMs / empty.initMs) * 100) / 100 : 0);
  // Init + first invocation against the empty handler's init: what the first customer of an instance waits.
  const firstRequestRatio = (r: ColdStartRow) =>
    empty ? Math.round(((r.initMs + r.invokeMs) / empty.initMs) * 100) / 100 : 0;
  options.log(
    formatTable(
      rows.map((r) => ({
        handler: r.name,
        "bundle KiB": Math.round(r.bundle.bytes / 1024),
        "gzip KiB": Math.round(r.bundle.gzipBytes / 1024),
        files: r.bundle.files,
        "loaded KiB": Math.round(r.bundle.coldStartBytes / 1024),
        "init ms": r.initMs,
        "import ms": r.importMs,
        "x empty init": ratio(r),
        "first invoke ms": r.invokeMs,
        "init+invoke x empty init": firstRequestRatio(r),
        outcome: r.outcome,
        "open after import": r.handlesAfterImport.join(",") || "-",
      })),
    ),
  );
  for (const r of rows.filter((row) => row.name !== "empty")) {
    options.log(
      `  ${r.name} largest inputs loaded at cold start: ${r.bundle.largestInputs.map((i) => `${i.path} ${Math.round(i.bytes / 1024)} KiB`).join(", ")}`,
    );
  }
  const api = rows.find((r) => r.name === "api");
  const largest = rows.reduce((a, b) => (b.bundle.bytes > a.bundle.bytes ? b : a));
  const sdkOnly = rows.find((r) => r.name === "sdk-client-only");
  const targetMet =
    rows.every((r) => r.reference || r.bundle.bytes <= MAX_BUNDLE_BYTES) &&
    (!api || (ratio(api) <= 1.5 && firstRequestRatio(api) <= 3));
  return {
    name: "cold-start",
    summary:
      `${rows.filter((r) => r.name !== "empty" && !r.reference).length} handlers; largest bundle ${largest.name} ${largest.bundle.bytes.toLocaleString("en")} bytes ` +
      `(${Math.round(largest.bundle.gzipBytes / 1024)} KiB gzip); init empty ${empty?.initMs} ms, ` +
      `api ${api?.initMs} ms (${api ? ratio(api) : "-"}x), an SDK client alone ${sdkOnly?.initMs ?? "-"} ms ` +
      `(${sdkOnly ? ratio(sdkOnly) : "-"}x), api first POST ${api?.invokeMs} ms ` +
      `(init + first POST ${api ? Math.round((api.initMs + api.invokeMs) * 10) / 10 : "-"} ms, ` +
      `${api ? firstRequestRatio(api) : "-"}x empty init)`,
    targetMet,
    figures: { runs, rows },
  };
}

export const coldStartBenchmark: Benchmark = {
  name: "cold-start",
  description: "bundle size (raw, gzip) and fresh-process init + first invocation per Lambda handler",
  run: (options) => coldStart(options),
};
