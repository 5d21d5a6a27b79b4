import { productsTable, seedDemoCatalogue } from "@orders/db";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { type FreezeRelay, startFreezeRelayInFront } from "@orders/local-postgres/testing";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "./create-db";
import { DeadlineExceededError, type RenewableDb, renewableDb } from "./deadline";
import { drizzleOf } from "./drizzle";
import { classifyDbError } from "./errors";

const DEADLINE_MS = 600;
/** What the test allows beyond the deadline for the rejection to arrive on a busy machine. */
const SLACK_MS = 500;

let database: TestDatabase;
let relay: FreezeRelay;
let db: RenewableDb;

beforeAll(async () => {
  database = await createTestDatabase("deadline");
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  await admin.end();
  // The relay sits between the client and the chain that stands in for the proxy: a silent network.
  const front = await startFreezeRelayInFront(database.serviceUrl("api"));
  relay = front.relay;
  db = renewableDb(() => createDb({ kind: "url", url: front.url }, { applicationName: "deadline" }));
});

afterEach(() => relay.thaw());

afterAll(async () => {
  await db.close();
  await relay.stop();
  await database.drop();
});

const readProducts = () => db.within(DEADLINE_MS, (c) => drizzleOf(c).select().from(productsTable));

/** Runs `call`, returning what it threw and how long it took. */
async function timed(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

describe("a database call with a deadline", () => {
  it("answers as usual while the database answers", async () => {
    expect((await readProducts()).length).toBeGreaterThan(0);
    expect(relay.openConnections).toBe(1);
  });

  it("gives up at its deadline on a connection gone silent, then reconnects with one connection", async () => {
    await readProducts();
    const before = db.current();
    relay.freeze();
    const { error, ms } = await timed(readProducts);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(classifyDbError(error)).toEqual({ kind: "timeout", retryable: true, code: "DEADLINE_EXCEEDED" });
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    // The stuck connection was discarded: the next call makes a new client instead of queueing behind it.
    expect(db.current()).not.toBe(before);

    relay.thaw();
    expect((await readProducts()).length).toBeGreaterThan(0);
    await expect.poll(() => relay.openConnections).toBe(1);
  });

  it("gives up at its deadline when a new connection is never answered", async () => {
    await db.close();
    relay.freeze();
    const { error, ms } = await timed(readProducts);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    relay.thaw();
    expect((await readProducts()).length).toBeGreaterThan(0);
    await expect.poll(() => relay.openConnections).toBe(1);
  });

  it("leaves no timer behind once a call has settled", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    await readProducts();
    const before = timers();
    await readProducts();
    relay.freeze();
    await timed(readProducts);
    relay.thaw();
    await readProducts();
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
