/** The JSON body of POST /orders (the API's contract, restated: the test speaks HTTP, not TypeScript). */
export interface OrderBody {
  customerId: string;
  currency: string;
  items: { sku: string; quantity: number }[];
}

/** One POST /orders of the end-to-end run. */
export interface PlannedRequest {
  kind: "plentiful" | "scarce-le" | "scarce-lp" | "sold-out" | "unknown-sku" | "repeated";
  body: OrderBody;
  idempotencyKey?: string;
}

/** A SKU that is not in the demo catalogue. */
export const UNKNOWN_SKU = "XX-404";

/**
 * The end-to-end mix: mostly plentiful products, some fighting over scarce stock (LE-011: 3 left, asked one at
 * a time; LP-009: 5 left, asked two at a time), some for a sold-out product or an unknown SKU, and a few
 * requests sent several times with the same Idempotency-Key (one order each).
 */
export function orderPlan(options: {
  unique: number;
  repeatedKeys: number;
  repeats: number;
}): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  for (let i = 0; i < options.unique; i++) {
    const customerId = `e2e-c-${i % 20}`;
    const order = (kind: PlannedRequest["kind"], items: OrderBody["items"]): PlannedRequest => ({
      kind,
      body: { customerId, currency: "USD", items },
    });
    switch (i % 10) {
      case 0:
        plan.push(
          order("unknown-sku", [
            { sku: "KB-001", quantity: 1 },
            { sku: UNKNOWN_SKU, quantity: 1 },
          ]),
        );
        break;
      case 1:
        plan.push(order("scarce-le", [{ sku: "LE-011", quantity: 1 }]));
        break;
      case 2:
        plan.push(order("scarce-lp", [{ sku: "LP-009", quantity: 2 }]));
        break;
      case 3:
        plan.push(order("sold-out", [{ sku: "SS-012", quantity: 1 }]));
        break;
      default:
        plan.push(
          order("plentiful", [
            { sku: "KB-001", quantity: (i % 3) + 1 },
            { sku: "MS-002", quantity: 1 },
            { sku: "CB-010", quantity: 2 },
          ]),
        );
    }
  }
  for (let key = 0; key < options.repeatedKeys; key++) {
    for (let n = 0; n < options.repeats; n++) {
      plan.push({
        kind: "repeated",
        idempotencyKey: `e2e-key-${key}`,
        body: { customerId: `e2e-r-${key}`, currency: "USD", items: [{ sku: "CH-007", quantity: 1 }] },
      });
    }
  }
  return plan;
}
