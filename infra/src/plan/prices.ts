import priceData from "./prices.json" with { type: "json" };

/** One price of prices.json: tiers by monthly quantity (`upTo` null = no upper bound). */
export interface Price {
  what: string;
  unit: string;
  tiers: { upTo: number | null; price: number }[];
  minimumAcu?: number;
  source: string;
}

export type PriceName = keyof typeof priceData.prices;

/** The price list the planner uses: region, date read, hours in a billing month and every price. */
export const priceList = priceData as {
  region: string;
  currency: string;
  read: string;
  hoursPerMonth: number;
  prices: Record<PriceName, Price>;
};

/** Cost of a monthly quantity under a tiered price (each tier prices the part of the quantity inside it). */
export function tieredCost(quantity: number, price: Price): number {
  let cost = 0;
  let from = 0;
  for (const tier of price.tiers) {
    const to = tier.upTo ?? Number.POSITIVE_INFINITY;
    if (quantity <= from) break;
    cost += (Math.min(quantity, to) - from) * tier.price;
    from = to;
  }
  return cost;
}
