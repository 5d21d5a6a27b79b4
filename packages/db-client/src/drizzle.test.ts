import { describe, expect, it } from "vitest";
import { createDb } from "./create-db";
import { renewableDb } from "./deadline";
import { drizzleOf } from "./drizzle";

// A client connects on its first query: these never query, so they need no server.
const config = { kind: "url", url: "postgres://orders_api:unused@127.0.0.1:1/orders" } as const;

describe("drizzleOf", () => {
  it("wraps a client once and keeps that database for as long as the client", () => {
    const client = createDb(config);
    const db = drizzleOf(client);
    expect(drizzleOf(client)).toBe(db);
    expect(drizzleOf(createDb(config))).not.toBe(db);
  });

  it("wraps the new client once the container has replaced its client", async () => {
    const container = renewableDb(() => createDb(config));
    const first = drizzleOf(container.current());
    expect(drizzleOf(container.current())).toBe(first);
    await container.close();
    expect(drizzleOf(container.current())).not.toBe(first);
    await container.close();
  });
});
