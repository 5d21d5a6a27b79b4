import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * A hash over every file of the migrations folder (SQL and drizzle's journal), by relative path and content.
 * It is the trigger of the deploy-time migrator invocation: the invocation re-runs when, and only when, a
 * migration is added or changed. Synchronous on purpose: infra modules run it at import time, and top-level
 * await depends on how the SST CLI bundles the config.
 */
export function migrationsFingerprint(folder: string): string {
  const hash = createHash("sha256");
  for (const file of listFiles(folder).sort()) {
    // Separators keep "a"+"bc" and "ab"+"c" apart.
    hash.update(`${relative(folder, file).split("\\").join("/")}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}
