import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layoutDrift, layoutTree, readReadme } from "./readme-layout";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("the README's layout section", () => {
  it("names every app, package and tool folder there is, and no other", () => {
    const tree = layoutTree(readReadme(root));
    expect(tree.get("apps")?.length).toBeGreaterThanOrEqual(4);
    expect(layoutDrift(root, readReadme(root))).toEqual([]);
  });
});

describe("the layout drift check", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "readme-layout-"));
    for (const folder of ["apps/api", "apps/worker", "packages/db", "tools/stack"]) {
      await mkdir(join(dir, folder), { recursive: true });
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const readme = (tree: string) =>
    `# x\n\n## Layout\n\ntext\n\n\`\`\`\n${tree}\`\`\`\n\n## Next\n\n  ghost/ not here\n`;

  it("finds nothing when the tree and the folders agree", () => {
    const tree =
      "apps/\n  api/    a\n  worker/ w\n            more words/\npackages/\n  db/     d\ntools/\n  stack/  s\n";
    expect(layoutDrift(dir, readme(tree))).toEqual([]);
  });

  it("names a folder the tree leaves out and a name with no folder", () => {
    const tree = "apps/\n  api/    a\n  gone/   g\npackages/\n  db/     d\ntools/\n  stack/  s\n";
    expect(layoutDrift(dir, readme(tree))).toEqual([
      "apps/worker is not in the README's layout",
      "apps/gone is in the README's layout but not on disk",
    ]);
  });
});
