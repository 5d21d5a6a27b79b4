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
