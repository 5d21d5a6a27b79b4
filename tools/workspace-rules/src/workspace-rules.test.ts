import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Project, ruleViolations } from "./rules";
import { readImports, readProjects } from "./workspace";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("this workspace", () => {
  const projects = readProjects(root);

  it("has the architecture's projects", () => {
    const names = projects.map((p) => p.name);
    for (const expected of [
      "@orders/api",
      "@orders/order-worker",
      "@orders/reporting",
      "@orders/db",
      "@orders/db-client",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it("breaks no dependency rule", () => {
    expect(ruleViolations(projects, readImports(root, projects))).toEqual([]);
  });
});

describe("the rules", () => {
  const project = (
    name: string,
    tag: string,
    dependencies: string[] = [],
    devDependencies: string[] = [],
  ): Project => ({
    name,
    dir: name,
    tags: [tag],
    dependencies,
    devDependencies,
  });

  it("forbid an app depending on another app", () => {
    const projects = [project("a", "type:app", ["b"]), project("b", "type:app")];
    expect(ruleViolations(projects, new Map())).toEqual(["a (type:app) must not depend on b (type:app)"]);
  });

  it("allow tooling as a dev dependency only", () => {
    const tool = project("t", "type:tooling");
    expect(ruleViolations([project("a", "type:app", [], ["t"]), tool], new Map())).toEqual([]);
    expect(ruleViolations([project("a", "type:app", ["t"]), tool], new Map())).toHaveLength(1);
  });

  it("catch an import of an undeclared workspace package", () => {
    const projects = [project("@orders/a", "type:app"), project("@orders/c", "type:config")];
    const imports = new Map([["@orders/a", new Set(["@orders/c"])]]);
    expect(ruleViolations(projects, imports)).toEqual([
      "@orders/a imports @orders/c without declaring it in package.json",
    ]);
  });

  it("require exactly one type tag", () => {
    expect(ruleViolations([{ ...project("x", "type:app"), tags: [] }], new Map())).toHaveLength(1);
  });
});
