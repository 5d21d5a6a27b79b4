import type { Fields } from "./fields";
import { grouped, kib, markdownTable, ratio } from "./markdown";
import type { ReportSection } from "./section";

/** The size limit for a function's code ("1 MB"), read as 1,000,000 bytes, as the benchmark checks it. */
const maxBundleBytes = 1_000_000;

function row(rows: Fields[], name: string, file: string): Fields {
  const found = rows.find((r) => r.string("name") === name);
  if (!found) throw new Error(`${file}: no cold-start row named "${name}"`);
  return found;
}

export const coldStartSection: ReportSection = {
  benchmark: "cold-start",
  heading: "Cold start and bundle size",
  method: `\`npm run bench -- cold-start\` bundles every handler as SST bundles it, with the options infra passes
(\`lambdaBundling\` in \`packages/settings\`): esbuild, platform node, es2024, SST's banner, minified, names kept,
ESM, code splitting (each dynamic \`import()\` becomes a chunk loaded only when that code runs). Each bundle is
then started in fresh \`node\` processes that import it and serve one invocation against an embedded PostgreSQL
and fauxqs; the figures are medians.

- **init**: from process start until the handler module is imported (Lambda's Init Duration also counts the
  runtime's own start); **import**: the import alone.
- **first invocation**: the one request served right after init (the api's is \`POST /orders\`).
- **bundle**: every file of the function's code (entry and chunks); **loaded**: the entry and the chunks it
  imports statically, what every cold start parses.
- **open after import**: handles a module left open at import (a connection, a timer, a file read): none is
  allowed.
- Reference rows, held to no target: \`empty\` (a handler that does nothing: Node's own start, the yardstick)
  and one row per way of sending an SQS message (the AWS SDK client, the SDK's signer with \`fetch\`,
  \`@aws-lite/client\`, aws4fetch), each sending the same message.

**Targets**: every function's code ≤ 1,000,000 bytes; the api's init ≤ 1.5 × the empty handler's, and its
init + first \`POST /orders\` ≤ 3 × the empty handler's init.`,
  caveats: `- Ratios to the empty handler cancel some of the machine's load, not all of it: on a shared
  machine they move from run to run. Compare runs taken at a similar load average (in the run table above).
- The local SQS emulator speaks plain HTTP; in AWS the first send also sets up TLS.
- \`sdk-client-only\` builds its \`SQSClient\` with the default request handler, which starts reading the SDK's
  shared config files at import: the file reads it leaves open are the reference's. The functions that use
  the SDK's client pass their own request-handler options, and leave nothing open.
- What the api loads above the empty handler at init (hono, zod/mini with the contracts' schemas, the
  Powertools logger, \`node:crypto\`) is all used by \`POST /orders\`; at the first request Hono's Lambda
  adapter builds a web \`Request\`, which loads Node's undici. The database code is a chunk loaded on the first
  read. Why the sender is hand-written: [decision record](decisions/0001-hand-written-sqs-sender.md).`,
  figures(result) {
    const rows = result.at("figures").list("rows");
    const empty = row(rows, "empty", result.file).number("initMs");
    const table = markdownTable(
      [
        "handler",
        "bundle bytes>",
        "gzip KiB>",
        "files>",
        "loaded KiB>",
        "init ms>",
        "import ms>",
        "× empty init>",
        "first invocation ms>",
        "init + first × empty init>",
        "outcome",
        "open after import",
      ],
      rows.map((r) => {
        const init = r.number("initMs");
        const invoke = r.number("invokeMs");
        const name = r.string("name");
        return [
          r.has("reference") ? `${name} (reference)` : name,
          r.number("bundle.bytes"),
          kib(r.number("bundle.gzipBytes")),
          r.number("bundle.files"),
          kib(r.number("bundle.coldStartBytes")),
          init,
          r.number("importMs"),
          ratio(init / empty),
          invoke,
          ratio((init + invoke) / empty),
          r.string("outcome"),
          r.strings("handlesAfterImport").join(", ") || "nothing",
        ];
      }),
    );
    const api = row(rows, "api", result.file);
    const inputs = api
      .list("bundle.largestInputs")
      .map((i) => `${i.string("path")} ${kib(i.number("bytes"))} KiB`)
      .join(", ");
    const runs = result.number("figures.runs");
    return [
      `${runs} fresh process${runs === 1 ? "" : "es"} per handler.`,
      "",
      table,
      "",
      `Largest inputs the api loads at a cold start: ${inputs}.`,
    ].join("\n");
  },
  headline(result) {
    const rows = result.at("figures").list("rows");
    const empty = row(rows, "empty", result.file).number("initMs");
    const api = row(rows, "api", result.file);
    const init = api.number("initMs");
    return {
      what: "api cold start, × an empty handler (targets 1.5 × and 3 ×)",
      result:
        `init ${ratio(init / empty)} ×, init + first POST ${ratio((init + api.number("invokeMs")) / empty)} ×; ` +
        `${kib(api.number("bundle.coldStartBytes"))} KiB loaded`,
    };
  },
};

/** The README's bundle-size row: the largest function against the limit. */
export function bundleHeadline(result: Fields): { what: string; result: string } {
  const functions = result
    .at("figures")
    .list("rows")
    .filter((r) => !r.has("reference") && r.string("name") !== "empty");
  const largest = functions.reduce((a, b) => (b.number("bundle.bytes") > a.number("bundle.bytes") ? b : a));
  const bytes = largest.number("bundle.bytes");
  return {
    what: "function code size (limit 1,000,000 bytes)",
    result: `largest ${largest.string("name")}, ${grouped(bytes)} bytes${bytes > maxBundleBytes ? " (over)" : ""}`,
  };
}
