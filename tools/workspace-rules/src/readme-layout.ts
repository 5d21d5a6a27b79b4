import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The folders that hold projects, each listed by name in the README's layout tree. */
export const projectFolders = ["apps", "packages", "tools"] as const;

/**
 * The project folders the README's "Layout" tree names, per top folder: the tree is the fenced block after
 * the heading whose lines read `apps/`, then `  api/   …` (a name at two spaces' indent, ending in `/`).
 */
export function layoutTree(readme: string): Map<string, string[]> {
  const section = readme.split(/^## Layout$/m)[1]?.split(/^## /m)[0] ?? "";
  const tree = new Map<string, string[]>();
  let top: string | undefined;
  for (const line of section.split("\n")) {
    const topMatch = /^([a-z-]+)\/(\s|$)/.exec(line);
    if (topMatch?.[1]) {
      top = topMatch[1];
      if (!tree.has(top)) tree.set(top, []);
      continue;
    }
    const child = /^ {2}([a-z][a-z0-9-]*)\//.exec(line);
    if (child && top) tree.get(top)?.push(child[1] as string);
  }
  return tree;
}

/** Differences between the folders on disk and the README's tree: named but absent, present but unnamed. */
export function layoutDrift(root: string, readme: string): string[] {
  const tree = layoutTree(readme);
  const drift: string[] = [];
  for (const top of projectFolders) {
    const onDisk = readdirSync(join(root, top), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const named = tree.get(top) ?? [];
    for (const name of onDisk)
      if (!named.includes(name)) drift.push(`${top}/${name} is not in the README's layout`);
    for (const name of named)
      if (!onDisk.includes(name)) drift.push(`${top}/${name} is in the README's layout but not on disk`);
  }
  return drift;
}

/** The README at the workspace root. */
export function readReadme(root: string): string {
  return readFileSync(join(root, "README.md"), "utf8");
}
