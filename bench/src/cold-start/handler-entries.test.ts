import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { existingHandlers } from "./handler-entries";
import { handlersUnderTest } from "./handlers";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("the handlers a cold-start run measures", () => {
  it("are every handler listed, each entry file present", () => {
    expect(existingHandlers(handlersUnderTest, root).map((h) => h.name)).toEqual(
      handlersUnderTest.map((h) => h.name),
    );
  });

  it("fail the run, by name, when an entry file is missing", () => {
    const moved = [...handlersUnderTest, { name: "moved", entry: "apps/api/src/gone.ts" }];
    expect(() => existingHandlers(moved, root)).toThrow(
      /no entry file for moved \(apps\/api\/src\/gone\.ts\)/,
    );
  });
});
