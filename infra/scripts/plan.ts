import { parseOrExit, UsageError } from "@orders/cli-args";
import { formatPlan, monthlyCost, planCapacity, whatBreaksFirst } from "../src/plan";
import { stageProfile } from "../src/stage-profile";

const planCommand = {
  name: "npm run plan",
  usage: `Usage: npm run plan -- --orders-per-second <n> [--items-per-order <m>] [--peak-factor <p>] [--stage <name>] [--json]
Settings, limits and the monthly bill for a load, offline (no AWS call).
  --orders-per-second  the average load to plan for (required)
  --items-per-order    items in an order (default 3)
  --peak-factor        peak over average (default 2)
  --stage              the stage whose settings carry the load (default production)
  --json               the plan as JSON instead of text
  -h, --help           this text
Exit status: 0 when the stage carries the load, 1 when it does not (the problems say why), 2 on bad arguments.`,
  options: {
    "orders-per-second": { type: "string" },
    "items-per-order": { type: "string" },
    "peak-factor": { type: "string" },
    stage: { type: "string" },
    json: { type: "boolean" },
  },
} as const;

/** `npm run plan`: see the usage above. */
function main(argv: string[]): number {
  const options = parseOrExit(planCommand, argv, ({ values }) => {
    const ordersPerSecond = number(values["orders-per-second"], "--orders-per-second");
    const itemsPerOrder = number(values["items-per-order"] ?? "3", "--items-per-order");
    const peakFactor = number(values["peak-factor"] ?? "2", "--peak-factor");
    const stage = values.stage ?? "production";
    let plan: ReturnType<typeof planCapacity>;
    try {
      plan = planCapacity({ ordersPerSecond, itemsPerOrder, peakFactor, stage });
    } catch (error) {
      // A load it cannot plan (a negative rate, less than one item) is an argument error too.
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    return { ordersPerSecond, itemsPerOrder, peakFactor, stage, plan, json: values.json ?? false };
  });
  const { ordersPerSecond, itemsPerOrder, peakFactor, stage, plan } = options;
  const profile = stageProfile(stage);
  const load = { ordersPerSecond, itemsPerOrder, flow: plan.flow.recommended };
  const cost = monthlyCost(load, profile);
  const idleCost = monthlyCost({ ...load, ordersPerSecond: 0 }, profile);
  const growth = whatBreaksFirst({ stage, itemsPerOrder, peakFactor }).steps;
  if (options.json) {
    console.log(JSON.stringify({ plan, cost, idleCost, growth }, null, 2));
  } else {
    console.log(formatPlan({ plan, cost, idleCost, growth, profile }));
  }
  return plan.problems.length === 0 ? 0 : 1;
}

function number(value: string | undefined, flag: string): number {
  const parsed = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isFinite(parsed)) {
    throw new UsageError(
      `${flag} needs a number, got ${value === undefined ? "nothing" : JSON.stringify(value)}`,
    );
  }
  return parsed;
}

process.exitCode = main(process.argv.slice(2));
