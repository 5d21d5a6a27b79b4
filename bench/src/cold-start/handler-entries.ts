import { existsSync } from "node:fs";
import { join } from "node:path";
import type { HandlerUnderTest } from "./handlers";

/**
 * The handlers to measure, after checking that every entry file exists: a moved or renamed handler must fail
 * the run by name, not vanish from the table while the remaining rows still pass.
 */
export function existingHandlers<T extends Pick<HandlerUnderTest, "name" | "entry">>(
  handlers: readonly T[],
  root: string,
): T[] {
  const missing = handlers.filter((h) => !existsSync(join(root, h.entry)));
  if (missing.length > 0) {
    throw new Error(
      `cold start: no entry file for ${missing.map((h) => `${h.name} (${h.entry})`).join(", ")}; ` +
        "update the handler list in bench/src/cold-start/handlers.ts",
    );
  }
  return [...handlers];
}
