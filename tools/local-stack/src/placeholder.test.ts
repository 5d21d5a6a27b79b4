import { orderFlow } from "@orders/settings";
import { expect, it } from "vitest";

it("shares the flow settings with the rest of the platform", () => {
  expect(orderFlow.batchSize).toBeGreaterThan(0);
});
