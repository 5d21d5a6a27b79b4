import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

describe("reading the workspace", () => {
  const workspace = async (files: Record<string, string>) => {
    const dir = await mkdtemp(join(tmpdir(), "workspace-"));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    return dir;
  };
  const rootPackage = JSON.stringify({ workspaces: ["apps/*"] });

  it("reads every project the workspaces match", async () => {
    const dir = await workspace({
      "package.json": rootPackage,
      "apps/a/package.json": JSON.stringify({ name: "@x/a", nx: { tags: ["type:app"] } }),
    });
    try {
      expect(readProjects(dir)).toEqual([
        { name: "@x/a", dir: "apps/a", tags: ["type:app"], dependencies: [], devDependencies: [] },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      "a broken package.json",
      "apps/b/package.json",
      "{ not json",
      /apps\/b\/package\.json: cannot read the project/,
    ],
    [
      "none at all",
      "apps/b/src/index.ts",
      "export {};",
      /apps\/b\/package\.json: cannot read the project \(ENOENT/,
    ],
    ["one without a name", "apps/b/package.json", "{}", /apps\/b\/package\.json: the project has no name/],
  ])("refuses a project folder with %s instead of dropping it", async (_case, path, text, message) => {
    const dir = await workspace({ "package.json": rootPackage, [path]: text });
    try {
      expect(() => readProjects(dir)).toThrow(message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
