import { parseOrExit, UsageError } from "@orders/cli-args";
import { formatSynth, synthJson } from "../src/synth/format";
import { synthesizeStage } from "../src/synth/synthesize";

const synthCommand = {
  name: "npm run synth",
  usage: `Usage: npm run synth -- --stage <name> [--dev] [--json]
The resources a stage would create, built offline: sst.config.ts runs under Pulumi's mocks (no AWS account,
no network). The account, region, ids and ARNs are placeholders.
  --stage  the stage to build (required): a personal name, or production
  --dev    build \`sst dev\` mode (functions on your machine) instead of \`sst deploy\`
  --json   one JSON array of { "type", "name", "inputs" } instead of the grouped report
  -h, --help  this text
Exit status: 0 when the stage builds, 1 when it fails, 2 on bad arguments.`,
  options: {
    stage: { type: "string" },
    dev: { type: "boolean" },
    json: { type: "boolean" },
  },
} as const;

/** `npm run synth`: see the usage above. */
async function main(argv: string[]): Promise<number> {
  const options = parseOrExit(synthCommand, argv, ({ values }) => {
    if (!values.stage) throw new UsageError("--stage is required");
    return { stage: values.stage, dev: values.dev ?? false, json: values.json ?? false };
  });
  const synth = await synthesizeStage({ stage: options.stage, dev: options.dev });
  console.log(options.json ? JSON.stringify(synthJson(synth), null, 2) : formatSynth(synth));
  return 0;
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
