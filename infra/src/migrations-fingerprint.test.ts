import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrationsFingerprint } from "./migrations-fingerprint";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "migrations-"));
  await mkdir(join(dir, "meta"));
  await writeFile(join(dir, "0000_init.sql"), "create table a (id int);");
  await writeFile(join(dir, "meta/_journal.json"), '{"entries":[0]}');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("migrations fingerprint", () => {
  it("depends only on the files' paths and contents: the same files elsewhere, written in another order", async () => {
    const copy = await mkdtemp(join(tmpdir(), "migrations-copy-"));
    try {
      await mkdir(join(copy, "meta"));
      await writeFile(join(copy, "meta/_journal.json"), '{"entries":[0]}');
      await writeFile(join(copy, "0000_init.sql"), "create table a (id int);");
      expect(migrationsFingerprint(copy)).toBe(migrationsFingerprint(dir));
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it("changes when a migration is added", async () => {
    const before = migrationsFingerprint(dir);
    await writeFile(join(dir, "0001_more.sql"), "create table b (id int);");
    expect(migrationsFingerprint(dir)).not.toBe(before);
  });

  it("changes when a migration or the journal is edited", async () => {
    const before = migrationsFingerprint(dir);
    await writeFile(join(dir, "0000_init.sql"), "create table a (id bigint);");
    const edited = migrationsFingerprint(dir);
    expect(edited).not.toBe(before);
    await writeFile(join(dir, "meta/_journal.json"), '{"entries":[0,1]}');
    expect(migrationsFingerprint(dir)).not.toBe(edited);
  });

  it("changes when a file is renamed", async () => {
    const before = migrationsFingerprint(dir);
    await rename(join(dir, "0000_init.sql"), join(dir, "0000_first.sql"));
    expect(migrationsFingerprint(dir)).not.toBe(before);
  });

  it("hashes the repository's real migrations", async () => {
    const real = resolve(import.meta.dirname, "../../packages/db/migrations");
    expect(migrationsFingerprint(real)).toMatch(/^[0-9a-f]{64}$/);
  });
});
