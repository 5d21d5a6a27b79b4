import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * A hash over every file of the migrations folder (SQL and drizzle's journal), by relative path and content.
 * It is the trigger of the deploy-time migrator invocation: the invocation re-runs when, and only when, a
 * migration is added or changed.
 */
export async function migrationsFingerprint(folder: string): Promise<string> {
  const files = await listFiles(folder);
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    // Separators keep "a"+"bc" and "ab"+"c" apart.
    hash.update(`${relative(folder, file).split("\\").join("/")}\0`);
    hash.update(await readFile(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path) : Promise.resolve(entry.isFile() ? [path] : []);
    }),
  );
  return nested.flat();
}
