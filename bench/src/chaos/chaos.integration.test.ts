import { describe, expect, it } from "vitest";
import { type ChaosFigures, chaosRun } from "./chaos-run";

describe("chaos run (reduced: 500 orders)", () => {
  it("records every valid order exactly once through duplicates, poison, crashes and a PostgreSQL restart", async () => {
    const lines: string[] = [];
    const result = await chaosRun({ quick: true, log: (line) => lines.push(line) });
    const figures = result.figures as ChaosFigures;

    // The faults really happened...
    expect(figures.duplicates).toBe(25);
    expect(figures.poison).toBe(5);
    expect(figures.restarts).toBe(1);
    expect(figures.crashesBeforeCommit).toBeGreaterThan(0);
    expect(figures.crashesAfterCommit).toBeGreaterThan(0);
    // ...and every check of the verdict table holds.
    expect(figures.checks.filter((c) => !c.pass)).toEqual([]);
    expect(figures.checks.length).toBeGreaterThanOrEqual(11);
    expect(lines.join("\n")).toContain("redriven bodies = the poison bodies");
  }, 240_000);
});
