import { parseArgs } from "node:util";
import { formatPlan, monthlyCost, planCapacity, whatBreaksFirst } from "../src/plan";
import { stageProfile } from "../src/stage-profile";

const usage =
  "usage: npm run plan -- --orders-per-second <n> [--items-per-order <m>] [--peak-factor <p>] [--stage <name>] [--json]";

/**
 * `npm run plan`: settings, limits and the monthly bill for a load, offline (no AWS call). Exit status 0
 * when the stage carries the load, 1 when it does not (the problems say why), 2 on bad arguments.
 */
function main(argv: string[]): number {
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
  const ordersPerSecond = number(values["orders-per-second"], "--orders-per-second");
  const itemsPerOrder = number(values["items-per-order"] ?? "3", "--items-per-order");
  const peakFactor = number(values["peak-factor"] ?? "2", "--peak-factor");
  if (ordersPerSecond === undefined || itemsPerOrder === undefined || peakFactor === undefined) {
    console.error(usage);
    return 2;
  }
  const stage = values.stage ?? "production";
  const profile = stageProfile(stage);
  let plan: ReturnType<typeof planCapacity>;
  try {
    plan = planCapacity({ ordersPerSecond, itemsPerOrder, peakFactor, stage });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const load = { ordersPerSecond, itemsPerOrder, flow: plan.flow.recommended };
  const cost = monthlyCost(load, profile);
  const idleCost = monthlyCost({ ...load, ordersPerSecond: 0 }, profile);
  const growth = whatBreaksFirst({ stage, itemsPerOrder, peakFactor }).steps;
  if (values.json) {
    console.log(JSON.stringify({ plan, cost, idleCost, growth }, null, 2));
  } else {
    console.log(formatPlan({ plan, cost, idleCost, growth, profile }));
  }
  return plan.problems.length === 0 ? 0 : 1;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      "orders-per-second": { type: "string" },
      "items-per-order": { type: "string" },
      "peak-factor": { type: "string" },
      stage: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function number(value: string | undefined, flag: string): number | undefined {
  const parsed = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isFinite(parsed)) {
    console.error(`${flag} needs a number, got ${value === undefined ? "nothing" : JSON.stringify(value)}`);
    return undefined;
  }
  return parsed;
}

process.exitCode = main(process.argv.slice(2));
