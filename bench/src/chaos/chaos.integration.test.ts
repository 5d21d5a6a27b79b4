import { deadlines } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { type ChaosFigures, chaosRun } from "./chaos-run";

describe("chaos run (reduced: 500 orders)", () => {
  it("records every valid order exactly once through duplicates, poison, crashes, a PostgreSQL restart and silent dependencies", async () => {
    const lines: string[] = [];
    const result = await chaosRun({ quick: true, log: (line) => lines.push(line) });
    const figures = result.figures as ChaosFigures;

    // The faults really happened, as the worker and the queues saw them (not as planned)...
    expect(figures.duplicates).toBeGreaterThan(0);
    expect(figures.duplicatesDelivered).toBe(figures.duplicates);
    expect(figures.poison).toBeGreaterThan(0);
    expect(figures.deadLettered).toBe(figures.poison);
    expect(figures.restarts).toBe(1);
    expect(figures.crashesBeforeCommit).toBeGreaterThan(0);
    expect(figures.crashesAfterCommit).toBeGreaterThan(0);
    // ...the only driver errors tolerated are the restart's, at most one per container's connection...
    expect(figures.driverCrashesBeforeRestart).toBe(0);
    expect(figures.driverCrashes).toBeLessThanOrEqual(figures.containers * figures.restarts);
    // ...the redrive brought back exactly the poison, and every check of the verdict table holds.
    expect(figures.redrivenArePoison).toBe(true);
    expect(figures.checks.filter((c) => !c.pass)).toEqual([]);
    expect(figures.checks.length).toBeGreaterThanOrEqual(13);
    // The database, then the queue endpoint, went silent under API load: the API answered within its
    // deadlines (p99 <= deadline + 0.5 s, one of the checks above), refused with 503 what needed the
    // frozen piece, kept accepting orders while only the database was silent, and every order it accepted
    // (the refused ones retried after the thaw) was recorded exactly once.
    const [database, queue] = figures.freezes;
    expect(database?.frozen).toBe("database");
    expect(database?.statuses["503"]).toBeGreaterThan(0);
    expect(database?.statuses["202"]).toBeGreaterThan(0);
    expect(database?.latency.p99).toBeLessThanOrEqual(deadlines.apiDatabaseReadMs + deadlines.answerSlackMs);
    expect(queue?.frozen).toBe("queue endpoint");
    expect(queue?.statuses["503"]).toBeGreaterThan(0);
    expect(queue?.latency.p99).toBeLessThanOrEqual(deadlines.apiQueueSendMs + deadlines.answerSlackMs);
    expect(figures.apiOrders).toBeGreaterThan(0);
    expect(lines.join("\n")).toMatch(/chaos: settled in \d+ ms/);
  }, 240_000);
});
