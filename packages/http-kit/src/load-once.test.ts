import { describe, expect, it } from "vitest";
import { loadOnce } from "./load-once";

describe("loadOnce", () => {
  it("does not load until asked, then loads once for every caller", async () => {
    let loads = 0;
    const value = loadOnce(async () => ++loads);
    expect(loads).toBe(0);
    expect(await Promise.all([value(), value()])).toEqual([1, 1]);
    expect(await value()).toBe(1);
    expect(loads).toBe(1);
  });

  it("tries again after a failed load instead of keeping the failure", async () => {
    let loads = 0;
    const value = loadOnce(async () => {
      loads++;
      if (loads === 1) throw new Error("not yet");
      return "loaded";
    });
    await expect(value()).rejects.toThrow("not yet");
    expect(await value()).toBe("loaded");
    expect(await value()).toBe("loaded");
    expect(loads).toBe(2);
  });
});
