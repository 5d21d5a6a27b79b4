import { parseArgs } from "node:util";
import { formatSynth, synthJson } from "../src/synth/format";
import { synthesizeStage } from "../src/synth/synthesize";

const usage = "usage: npm run synth -- --stage <name> [--dev] [--json]";

/**
 * `npm run synth`: the resources a stage would create, built offline (no account, no network) by running
 * sst.config.ts under Pulumi's mocks. `--dev` builds `sst dev` mode; `--json` prints one array of
 * `{ type, name, inputs }`. Exit status 0 when the stage builds, 1 when it fails, 2 on bad arguments.
 */
async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.stage) {
    console.error(`--stage is required\n${usage}`);
    return 2;
  }
  const synth = await synthesizeStage({ stage: values.stage, dev: values.dev ?? false });
  console.log(values.json ? JSON.stringify(synthJson(synth), null, 2) : formatSynth(synth));
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      stage: { type: "string" },
      dev: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

// Failure until main settles: a build whose outputs never resolve must not end with status 0.
process.exitCode = 1;
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
