import { DeadlineExceededError } from "@orders/db-client";
import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError } from "../domain/errors";
import { readingDatabase } from "./db-errors";

/** A driver error as postgres.js throws it: a message and a `code` (SQLSTATE or a Node socket code). */
function driverError(code: string): Error {
  return Object.assign(new Error(`failed with ${code}`), { code });
}

describe("readingDatabase", () => {
  it("passes a read's result through", async () => {
    await expect(readingDatabase(async () => 42)).resolves.toBe(42);
  });

  it.each([
    ["connection refused", driverError("ECONNREFUSED")],
    ["proxy at its connection limit", driverError("53300")],
    ["statement timeout", driverError("57014")],
    ["past the read deadline", new DeadlineExceededError(1500)],
  ])("reports %s as the database being unavailable, keeping the driver's error", async (_, failure) => {
    const read = readingDatabase(() => Promise.reject(failure));
    await expect(read).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(read).rejects.toHaveProperty("cause", failure);
  });

  it.each([
    ["a refused login", driverError("28P01")],
    ["bad SQL", driverError("42601")],
    ["an error without a code", new Error("boom")],
  ])("lets %s through as it was thrown (a bug, not an outage)", async (_, failure) => {
    await expect(readingDatabase(() => Promise.reject(failure))).rejects.toBe(failure);
  });
});
