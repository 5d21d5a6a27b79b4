import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPgBouncerBinary, locatePgBouncerBinary } from "./pgbouncer";

let dir: string;
let fake: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pgbouncer-lookup-"));
  fake = join(dir, "pgbouncer");
  await writeFile(fake, "#!/bin/sh\n");
  await chmod(fake, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("locating PgBouncer", () => {
  it("takes PGBOUNCER_BIN when it points at a file", () => {
    expect(locatePgBouncerBinary({ PGBOUNCER_BIN: fake, PATH: "" })).toBe(fake);
  });

  it("looks nowhere else when PGBOUNCER_BIN points at nothing, so PgBouncer can be left out on purpose", () => {
    const missing = join(dir, "not-here");
    expect(locatePgBouncerBinary({ PGBOUNCER_BIN: missing, PATH: dir })).toBeUndefined();
    expect(() => findPgBouncerBinary({ PGBOUNCER_BIN: missing, PATH: dir })).toThrow(
      `PgBouncer is not at PGBOUNCER_BIN (${missing})`,
    );
  });

  it("finds it on PATH without PGBOUNCER_BIN", () => {
    const found = locatePgBouncerBinary({ PATH: dir });
    // Debian's own path comes first when the package is installed.
    expect([fake, "/usr/sbin/pgbouncer"]).toContain(found);
  });

  it("does not take a path that cannot run: a program masked by /dev/null, or a file without an x bit", async () => {
    expect(locatePgBouncerBinary({ PGBOUNCER_BIN: "/dev/null", PATH: "" })).toBeUndefined();
    const plain = join(dir, "not-executable");
    await writeFile(plain, "#!/bin/sh\n");
    await chmod(plain, 0o644);
    expect(locatePgBouncerBinary({ PGBOUNCER_BIN: plain, PATH: "" })).toBeUndefined();
  });
});
