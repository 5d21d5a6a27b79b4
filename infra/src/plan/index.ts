export { awsQuotas } from "./aws-quotas";
export { defaultGrowthSteps, type GrowthStep, whatBreaksFirst } from "./breaks-first";
export {
  type CapacityPlan,
  designPeakOrdersPerSecond,
  type Limit,
  type PlanInput,
  planCapacity,
} from "./capacity-plan";
export { formatPlan, type PlanReport } from "./format-plan";
export { type CostLine, type MonthlyCost, monthlyCost } from "./monthly-cost";
export { priceList } from "./prices";
