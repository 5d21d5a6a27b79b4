import { posix } from "node:path";

/**
 * Which kinds of project may depend on which. Nx's own enforcement ships as an ESLint rule and this repo
 * lints with Biome, so the rule table is checked here, over package.json files and import statements.
 */
export const allowedDependencies: Record<string, readonly string[]> = {
  // Deployable services: shared libraries only, never another app.
  "type:app": ["type:data", "type:contract", "type:config"],
  // Schema, queries and the client: configuration only (their tests may use tooling, as dev dependencies).
  "type:data": ["type:data", "type:config"],
  // Contracts may build on other contracts (identity's 401/403 are problem+json documents), nothing else.
  "type:contract": ["type:contract"],
  "type:config": [],
  // Infrastructure reads settings and wires the apps' handler files (by path, not by import).
  "type:infra": ["type:config", "type:data", "type:contract"],
  // Local stack, benchmarks, test servers: may run anything.
  "type:tooling": ["type:app", "type:data", "type:contract", "type:config", "type:tooling"],
};

export interface Project {
  name: string;
  dir: string;
  tags: string[];
  dependencies: string[];
  devDependencies: string[];
}

/** Returns every broken rule as a readable sentence (empty when the workspace is sound). */
export function ruleViolations(projects: Project[], importsByProject: Map<string, Set<string>>): string[] {
  const byName = new Map(projects.map((p) => [p.name, p]));
  const problems: string[] = [];
  for (const project of projects) {
    const types = project.tags.filter((t) => t.startsWith("type:"));
    if (types.length !== 1) {
      problems.push(`${project.name} must have exactly one type:* tag, has [${types.join(", ")}]`);
      continue;
    }
    const type = types[0] as string;
    const allowed = allowedDependencies[type];
    if (!allowed) {
      problems.push(`${project.name} has unknown tag ${type}`);
      continue;
    }
    const internal = [...new Set([...project.dependencies, ...project.devDependencies])].filter((d) =>
      byName.has(d),
    );
    for (const dep of internal) {
      const depType = byName.get(dep)?.tags.find((t) => t.startsWith("type:"));
      // A package listed in both places is installed at run time: the dev listing does not excuse it.
      const devOnlyTooling = depType === "type:tooling" && !project.dependencies.includes(dep);
      if (depType && !allowed.includes(depType) && !devOnlyTooling) {
        problems.push(`${project.name} (${type}) must not depend on ${dep} (${depType})`);
      }
    }
    const declared = new Set(internal);
    for (const imported of importsByProject.get(project.name) ?? []) {
      if (imported !== project.name && byName.has(imported) && !declared.has(imported)) {
        problems.push(`${project.name} imports ${imported} without declaring it in package.json`);
      }
    }
  }
  return problems;
}

/**
 * Every tooling project a deployable app reaches through runtime dependencies (its `dependencies`, theirs,
 * and so on), each as a sentence with the path that reaches it. Dev dependencies end the walk: they are
 * neither installed with the app nor bundled into its Lambda.
 */
export function toolingReachedAtRunTime(projects: Project[]): string[] {
  const byName = new Map(projects.map((p) => [p.name, p]));
  const problems: string[] = [];
  for (const app of projects.filter((p) => p.tags.includes("type:app"))) {
    const seen = new Set([app.name]);
    const paths: string[][] = [[app.name]];
    for (let path = paths.shift(); path; path = paths.shift()) {
      for (const dep of byName.get(path.at(-1) as string)?.dependencies ?? []) {
        const target = byName.get(dep);
        if (!target || seen.has(dep)) continue;
        seen.add(dep);
        const reached = [...path, dep];
        if (target.tags.includes("type:tooling")) {
          problems.push(`${app.name} reaches ${dep} (type:tooling) at run time: ${reached.join(" → ")}`);
        }
        paths.push(reached);
      }
    }
  }
  return problems;
}

/**
 * The layers inside `apps/<app>/src/` and what each may import inside the app (the decision record "Layers
 * inside an app"). A folder under src/ is a layer; a file at the top of src/ (`local.ts`) is an entry point,
 * like `handlers/`. `io: false` marks a layer that may import no library that does I/O.
 */
export const appLayers: Record<string, { mayImport: readonly string[]; io: boolean }> = {
  "domain/": { mayImport: ["domain/"], io: false },
  "adapters/": { mayImport: ["domain/", "adapters/"], io: true },
  "http/": { mayImport: ["domain/", "http/"], io: true },
  "composition/": { mayImport: ["domain/", "adapters/", "http/", "composition/"], io: true },
  "handlers/": { mayImport: ["domain/", "http/", "composition/", "handlers/"], io: true },
  "entry point": { mayImport: ["domain/", "http/", "composition/", "handlers/"], io: true },
};

/** Folders under src/ outside the runtime: they may import any layer, and no runtime file may import them. */
export const outsideRuntime: readonly string[] = ["testing/", "scripts/"];

/**
 * Libraries that do I/O, by package name; `@scope/*` stands for every package of the scope, and a name
 * covers its subpaths (`hono/http-exception`, `node:fs/promises`). Node's built-ins count with or without
 * the `node:` prefix.
 */
export const ioLibraries: readonly string[] = [
  "postgres",
  "drizzle-orm",
  "hono",
  "@hono/*",
  "@aws-sdk/*",
  "@aws-lite/*",
  "@aws-lambda-powertools/*",
  "@orders/db-client",
  // The HTTP service kit: its error funnel, middleware and app factory are Hono.
  "@orders/http-kit",
  ...[
    "fs",
    "net",
    "http",
    "https",
    "http2",
    "tls",
    "dgram",
    "dns",
    "child_process",
    "cluster",
    "worker_threads",
    "readline",
    "inspector",
    "sqlite",
  ].map((name) => `node:${name}`),
];

/** Whether a file under src/ (path relative to it, with `/`) is part of the running app. */
export function isRuntimeFile(path: string): boolean {
  return (
    /\.(ts|tsx|mts|cts)$/.test(path) &&
    !/\.test\.(ts|tsx|mts|cts)$/.test(path) &&
    !path.endsWith(".d.ts") &&
    !outsideRuntime.some((folder) => path.startsWith(folder))
  );
}

/** One app's source as the layer check reads it. */
export interface AppSource {
  /** The app's folder in the workspace, e.g. `apps/api`. */
  dir: string;
  /** The folders directly under its src/. */
  folders: readonly string[];
  /**
   * Each file (path relative to src/, with `/`) with every module specifier it imports or re-exports, and the
   * source text of every specifier it computes (`import(name)`), which no check can follow.
   */
  files: readonly { path: string; imports: readonly string[]; computedImports: readonly string[] }[];
}

/** Returns every import that breaks the layer table, and every folder that is no layer, as a sentence each. */
export function layerViolations(app: AppSource): string[] {
  const problems: string[] = [];
  const known = [...Object.keys(appLayers).filter((layer) => layer.endsWith("/")), ...outsideRuntime];
  for (const folder of app.folders) {
    if (!known.includes(`${folder}/`)) {
      problems.push(
        `${app.dir}/src/${folder}/ is not a layer: src/ holds ${known.join(", ")} and entry points such as local.ts`,
      );
    }
  }
  for (const file of app.files.filter((f) => isRuntimeFile(f.path))) {
    const layer = layerOf(file.path, app.folders);
    const rule = appLayers[layer];
    if (!rule) continue; // a folder that is no layer, reported once above
    const allowed = `${layer} may import ${rule.mayImport.join(", ")}`;
    for (const computed of file.computedImports) {
      problems.push(
        `${app.dir}/src/${file.path} (${layer}) imports a computed module (${computed}); name the module so its layer can be checked`,
      );
    }
    for (const specifier of file.imports) {
      const where = `${app.dir}/src/${file.path} (${layer}) imports "${specifier}"`;
      if (/^\.\.?(\/|$)/.test(specifier)) {
        const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
        const targetLayer = /^\.\.(\/|$)/.test(target) ? "outside src/" : layerOf(target, app.folders);
        if (!rule.mayImport.includes(targetLayer)) problems.push(`${where} from ${targetLayer}; ${allowed}`);
      } else if (!rule.io && isIoLibrary(specifier)) {
        problems.push(`${where}, a library that does I/O; ${allowed} and no library that does I/O`);
      }
    }
  }
  return problems;
}

/** The layer of a path relative to src/: its first folder, or "entry point" for a file at the top. */
function layerOf(path: string, folders: readonly string[]): string {
  const [first = "", ...rest] = path.split("/");
  if (rest.length > 0 || folders.includes(first)) return `${first}/`;
  return /\.test(\.[a-z]+)?$/.test(first) ? "tests" : "entry point";
}

function isIoLibrary(specifier: string): boolean {
  // `fs` is `node:fs`; a scoped name or one already prefixed is what it says.
  const names = /^(@|node:)/.test(specifier) ? [specifier] : [specifier, `node:${specifier}`];
  return ioLibraries.some((library) =>
    names.some((name) =>
      library.endsWith("/*")
        ? name.startsWith(library.slice(0, -1))
        : name === library || name.startsWith(`${library}/`),
    ),
  );
}
