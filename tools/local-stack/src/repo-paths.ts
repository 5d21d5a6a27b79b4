import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: children run from here so `--import tsx` and workspace packages resolve. */
export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** A path under the repository root. */
export function repoPath(relative: string): string {
  return join(repoRoot, relative);
}
