import { describe, expect, it } from "vitest";
import { correlationIdFor } from "./correlation-id";

describe("correlationIdFor", () => {
  it("keeps a sane caller id, else the gateway's, else a new UUID", () => {
    expect(correlationIdFor("req-1.a:b_c", "gw-1")).toBe("req-1.a:b_c");
    expect(correlationIdFor(undefined, "gw-1")).toBe("gw-1");
    expect(correlationIdFor("has space", "gw-1")).toBe("gw-1");
    expect(correlationIdFor("x".repeat(129), undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor("<script>", "")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
