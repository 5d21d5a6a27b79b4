import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { packageFileCandidates, readPackageFile } from "./package-file";

afterEach(() => vi.unstubAllEnvs());

describe("readPackageFile", () => {
  it("reads a file beside the Lambda bundle when the package is not resolvable (no node_modules)", async () => {
    const taskRoot = await mkdtemp(join(tmpdir(), "task-root-"));
    try {
      await writeFile(join(taskRoot, "ui.js"), "copied");
      vi.stubEnv("LAMBDA_TASK_ROOT", taskRoot);
      const shipped = { package: "no-such-package-here", file: "ui.js" };
      expect(packageFileCandidates(shipped)).toEqual([join(taskRoot, "ui.js")]);
      expect((await readPackageFile(shipped)).toString()).toBe("copied");
    } finally {
      await rm(taskRoot, { recursive: true, force: true });
    }
  });

  it("names every place it looked when the file is nowhere", async () => {
    vi.stubEnv("LAMBDA_TASK_ROOT", "/nonexistent-task-root");
    await expect(readPackageFile({ package: "swagger-ui-dist", file: "missing.js" })).rejects.toThrow(
      /swagger-ui-dist\/missing\.js not found \(looked in .*node_modules\/swagger-ui-dist\/missing\.js, \/nonexistent-task-root\/missing\.js\)/,
    );
  });
});
