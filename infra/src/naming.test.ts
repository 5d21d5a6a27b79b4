import { describe, expect, it } from "vitest";
import { namePrefix, physicalName } from "./naming";

const VALID = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/;

describe("physical names", () => {
  it("join app, stage and suffix", () => {
    expect(physicalName("serverless-orders", "alice", "read-only")).toBe("serverless-orders-alice-read-only");
  });

  it.each([
    ["Alice_Smith", "read-only"],
    ["pr--42", "final"],
    ["a".repeat(80), "read-only"],
    ["x-".repeat(40), "read-only"],
  ])("stay valid RDS identifiers for stage %s", (stage, suffix) => {
    const name = physicalName("serverless-orders", stage, suffix);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(VALID);
  });

  it("keep personal stages apart", () => {
    expect(physicalName("app", "alice", "ro")).not.toBe(physicalName("app", "bob", "ro"));
  });

  it("end prefixes with a hyphen for AWS's random suffix", () => {
    expect(namePrefix("serverless-orders", "ci", "db-api")).toBe("serverless-orders-ci-db-api-");
  });
});
