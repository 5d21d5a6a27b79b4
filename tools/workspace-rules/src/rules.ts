/**
 * Which kinds of project may depend on which. Nx's own enforcement ships as an ESLint rule and this repo
 * lints with Biome, so the rule table is checked here, over package.json files and import statements.
 */
export const allowedDependencies: Record<string, readonly string[]> = {
  // Deployable services: shared libraries only, never another app.
  "type:app": ["type:data", "type:contract", "type:config"],
  // Schema, queries and the client: configuration and (for test setup) local tooling.
  "type:data": ["type:data", "type:config", "type:tooling"],
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
    const internal = [...project.dependencies, ...project.devDependencies].filter((d) => byName.has(d));
    for (const dep of internal) {
      const depType = byName.get(dep)?.tags.find((t) => t.startsWith("type:"));
      const devOnlyTooling = depType === "type:tooling" && project.devDependencies.includes(dep);
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
