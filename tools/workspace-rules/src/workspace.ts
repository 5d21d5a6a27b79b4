import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Project } from "./rules";

const IGNORED_DIRS = new Set(["node_modules", ".sst", ".nx", "dist", "coverage"]);

/** The workspace's projects, read from the root package.json's workspaces; throws on one it cannot read. */
export function readProjects(root: string): Project[] {
  const rootPackage = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    workspaces: string[];
  };
  const dirs = rootPackage.workspaces.flatMap((pattern) =>
    pattern.endsWith("/*")
      ? readdirSync(join(root, pattern.slice(0, -2)))
          .map((name) => join(pattern.slice(0, -2), name))
          .filter((dir) => statSync(join(root, dir)).isDirectory())
      : [pattern],
  );
  return dirs.flatMap((dir) => {
    let pkg: {
      name: string;
      nx?: { tags?: string[] };
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    // A folder the workspaces globs match must be a project: one whose package.json cannot be read would
    // otherwise drop out of every rule without a word.
    const file = join(dir, "package.json");
    try {
      pkg = JSON.parse(readFileSync(join(root, file), "utf8"));
    } catch (error) {
      throw new Error(`${file}: cannot read the project (${error instanceof Error ? error.message : error})`);
    }
    if (typeof pkg.name !== "string" || pkg.name === "") throw new Error(`${file}: the project has no name`);
    return [
      {
        name: pkg.name,
        dir,
        tags: pkg.nx?.tags ?? [],
        dependencies: Object.keys(pkg.dependencies ?? {}),
        devDependencies: Object.keys(pkg.devDependencies ?? {}),
      },
    ];
  });
}

/** Workspace package names imported by each project's TypeScript sources. */
export function readImports(root: string, projects: Project[]): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const project of projects) {
    const found = new Set<string>();
    for (const file of sourceFiles(join(root, project.dir))) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](@orders\/[a-z0-9-]+)/g)) {
        found.add(match[1] as string);
      }
    }
    result.set(project.name, found);
  }
  return result;
}

interface InstalledManifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Every installed package a project loads at run time, by name, with the chain of packages that brings it
 * in: its dependencies, theirs, and so on, found as Node finds them (the nearest `node_modules` upward). Peer
 * dependencies count unless marked optional (npm installs them); optional dependencies count when installed.
 * Dev dependencies count nowhere.
 */
export function installedRuntimePackages(root: string, projectDir: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const visited = new Set<string>();
  const start = realpathSync(join(root, projectDir));
  const queue: { dir: string; path: string[] }[] = [{ dir: start, path: [] }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const manifest = JSON.parse(readFileSync(join(next.dir, "package.json"), "utf8")) as InstalledManifest;
    const path = [...next.path, manifest.name];
    const optionalPeers = new Set(
      Object.entries(manifest.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([name]) => name),
    );
    const wanted = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name)),
    ];
    for (const name of wanted) {
      const found = installedPackageDir(next.dir, name);
      if (!found || visited.has(found)) continue;
      visited.add(found);
      if (!reached.has(name)) reached.set(name, [...path, name]);
      queue.push({ dir: found, path });
    }
  }
  return reached;
}

/** Where Node would find package `name` from `dir`; undefined when it is not installed (an optional one). */
function installedPackageDir(dir: string, name: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (at === dirname(at)) return undefined;
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (IGNORED_DIRS.has(entry.name) || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}
