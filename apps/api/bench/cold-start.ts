import { execFile } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { median } from "simple-statistics";
import { apiGatewayEvent } from "../src/testing/api-gateway-event";

export interface ColdStartResult {
  bundleBytes: number;
  runs: number;
  /** Median ms to import the bundle (module scope: config, clients, app wiring). */
  initMs: number;
  /** Median ms of the first GET /health after init (no I/O). */
  firstHealthMs: number;
  /** Median ms of the first POST /orders (SQS client's first connection and send). */
  firstPostMs: number;
  /** Median ms of the first GET /products (database connect + query as orders_api). */
  firstProductsMs: number;
}

/**
 * Bundles src/handlers/lambda.ts the way a Lambda deployment does (esbuild, ESM, minified, node 24) and measures, in
 * fresh Node processes, the module initialisation and the first request of each kind. Local processes, not
 * Lambda: the absolute numbers are lower than in AWS, the ratios and the bundle size carry over.
 */
export async function measureColdStart(env: Record<string, string>, runs = 7): Promise<ColdStartResult> {
  const dir = await mkdtemp(join(tmpdir(), "api-cold-"));
  try {
    const bundle = join(dir, "lambda.mjs");
    await build({
      entryPoints: [fileURLToPath(new URL("../src/handlers/lambda.ts", import.meta.url))],
      outfile: bundle,
      bundle: true,
      minify: true,
      format: "esm",
      platform: "node",
      target: "node24",
      // CJS dependencies inside an ESM bundle call require(); give them one.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      logLevel: "silent",
    });
    const events = {
      health: apiGatewayEvent("GET", "/health"),
      post: apiGatewayEvent("POST", "/orders", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ customerId: "cold", items: [{ sku: "KB-001", quantity: 1 }] }),
      }),
      products: apiGatewayEvent("GET", "/products"),
    };
    const driver = join(dir, "driver.mjs");
    await writeFile(
      driver,
      `const events = ${JSON.stringify(events)};
const t0 = performance.now();
const { handler } = await import("./lambda.mjs");
const t1 = performance.now();
const timed = async (event) => { const s = performance.now(); const r = await handler(event, {}); if (r.statusCode >= 300) throw new Error(r.body); return performance.now() - s; };
const health = await timed(events.health);
const post = await timed(events.post);
const products = await timed(events.products);
console.log(JSON.stringify({ init: t1 - t0, health, post, products }));
process.exit(0);
`,
    );
    const samples: { init: number; health: number; post: number; products: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const { stdout } = await promisify(execFile)(process.execPath, [driver], {
        env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: "SILENT" },
      });
      samples.push(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}"));
    }
    const round = (values: number[]) => Math.round(median(values) * 10) / 10;
    return {
      bundleBytes: (await stat(bundle)).size,
      runs,
      initMs: round(samples.map((s) => s.init)),
      firstHealthMs: round(samples.map((s) => s.health)),
      firstPostMs: round(samples.map((s) => s.post)),
      firstProductsMs: round(samples.map((s) => s.products)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
