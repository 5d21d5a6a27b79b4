import { planCapacity } from "./capacity-plan";
import type { Limit } from "./throughput-limits";

/** The loads the planner walks through by default: 100 to 100,000 orders per second. */
export const defaultGrowthSteps = [100, 1000, 10_000, 100_000] as const;

export interface GrowthStep {
  ordersPerSecond: number;
  peakOrdersPerSecond: number;
  /** Bounds of the stage's current settings the peak exceeds, lowest first. */
  exceeded: Limit[];
}

/**
 * What breaks first as the load grows: for each average load, the bounds of the stage's current settings
 * its peak exceeds. The first bound in the plan's limits is the first to go; the change it names is the
 * setting or quota to raise.
 */
export function whatBreaksFirst(
  input: { stage?: string; itemsPerOrder?: number; peakFactor?: number },
  steps: readonly number[] = defaultGrowthSteps,
): { limits: Limit[]; steps: GrowthStep[] } {
  const plans = steps.map((ordersPerSecond) => planCapacity({ ...input, ordersPerSecond }));
  return {
    limits: plans[0]?.limits ?? [],
    steps: plans.map((plan) => ({
      ordersPerSecond: plan.ordersPerSecond,
      peakOrdersPerSecond: plan.peakOrdersPerSecond,
      exceeded: plan.limits.filter((limit) => limit.capacityOrdersPerSecond < plan.peakOrdersPerSecond),
    })),
  };
}
