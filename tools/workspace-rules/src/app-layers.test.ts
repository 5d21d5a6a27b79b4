import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAppSources } from "./app-sources";
import { type AppSource, layerViolations } from "./rules";
import { readProjects } from "./workspace";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("this workspace", () => {
  it("keeps every app's imports in its layers", () => {
    const apps = readProjects(root).filter((p) => p.dir.startsWith("apps/"));
    const sources = readAppSources(
      root,
      apps.map((p) => p.dir),
    );
    // The check reads real code: three apps at least, each with runtime files that import something.
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const app of sources) expect(app.files.flatMap((f) => f.imports).length).toBeGreaterThan(0);
    expect(sources.flatMap(layerViolations)).toEqual([]);
  });
});

/**
 * An import of a package, written so that this file itself names no package after `from`: the workspace's
 * package-import scan reads text, and would take this test for an importer of every package it mentions.
 */
const importOf = (name: string) => `import "${name}";`;

const ioLibrariesImported = [
  "postgres",
  "hono/http-exception",
  "@aws-sdk/client-sqs",
  "@aws-lite/sqs",
  "@aws-lambda-powertools/logger",
  "drizzle-orm/sql",
  "@orders/db-client",
  "@orders/http-kit",
  "node:fs/promises",
  "net",
  "node:child_process",
];

/**
 * One fixture app per case, all written into one temporary workspace and read in one pass (one TypeScript
 * process), each with the violations the check must report for it, in order.
 */
const cases: Record<string, { files: Record<string, string>; expected: string[] }> = {
  "every layer importing what it may": {
    files: {
      "domain/order.ts": `import { randomUUID } from "node:crypto";\n${importOf("@orders/settings")}\nimport type { Port } from "./ports";\nexport const id = randomUUID();`,
      "domain/ports.ts": "export interface Port { load(): Promise<string> }",
      "adapters/store.ts": `import postgres from "postgres";\nimport { Queue } from "./queue";\nimport type { Port } from "../domain/ports";\nimport { readFile } from "node:fs/promises";`,
      "adapters/queue.ts": `import { SQSClient } from "@aws-sdk/client-sqs";\nexport class Queue {}`,
      "http/create-app.ts": `import { Hono } from "hono";\n${importOf("@orders/http-kit")}\nimport { id } from "../domain/order";\nimport { routes } from "./routes/orders";`,
      "http/routes/orders.ts": `import type { Port } from "../../domain/ports";\nexport const routes = [];`,
      "composition/runtime.ts": `import { Queue } from "../adapters/queue";\nimport { createApp } from "../http/create-app";\nimport type { Port } from "../domain/ports";\nexport * from "./settings";`,
      "composition/settings.ts": "export const settings = {};",
      "handlers/lambda.ts": `import { createRuntime } from "../composition/runtime";\nimport { id } from "../domain/order";\nimport { routes } from "../http/routes/orders";\nimport { shared } from "./shared";\nconst later = await import("../composition/settings");`,
      "handlers/shared.ts": "export const shared = 1;",
      "local.ts": `import { serve } from "@hono/node-server";\nimport { handler } from "./handlers/lambda";\nimport { createRuntime } from "./composition/runtime";`,
      // Outside the runtime: tests, test support and scripts may import any layer.
      "domain/order.test.ts": `import { Queue } from "../adapters/queue";\nimport { harness } from "../testing/harness";`,
      "testing/harness.ts": `import { Queue } from "../adapters/queue";\nimport { createApp } from "../http/create-app";`,
      "scripts/seed.ts": `import { Queue } from "../adapters/queue";\nimport { harness } from "../testing/harness";`,
      "local.integration.test.ts": `import { Queue } from "./adapters/queue";`,
    },
    expected: [],
  },
  "a wrong-way import": {
    files: {
      "domain/rules.ts": `import { Store } from "../adapters/store";\nexport const rule = 1;`,
      "adapters/store.ts": "export class Store {}",
    },
    expected: [
      `apps/a-wrong-way-import/src/domain/rules.ts (domain/) imports "../adapters/store" from adapters/; domain/ may import domain/`,
    ],
  },
  "type-only imports": {
    files: {
      "domain/ports.ts": [
        `import type { Report } from "../adapters/report";`,
        `import { type Depth } from "../adapters/depth";`,
        `export type Store = typeof import("../adapters/store");`,
        `import type { Sql } from "postgres";`,
      ].join("\n"),
      "adapters/report.ts": "export interface Report {}",
    },
    expected: [
      `apps/type-only-imports/src/domain/ports.ts (domain/) imports "../adapters/report" from adapters/; domain/ may import domain/`,
      `apps/type-only-imports/src/domain/ports.ts (domain/) imports "../adapters/depth" from adapters/; domain/ may import domain/`,
      `apps/type-only-imports/src/domain/ports.ts (domain/) imports "../adapters/store" from adapters/; domain/ may import domain/`,
      `apps/type-only-imports/src/domain/ports.ts (domain/) imports "postgres", a library that does I/O; domain/ may import domain/ and no library that does I/O`,
    ],
  },
  "re-exports": {
    files: {
      "adapters/index.ts": [
        `export { problem } from "../http/problem";`,
        `export * from "../composition/runtime";`,
        `export type { Route } from "../handlers/lambda";`,
        `export * as domain from "../domain/rules";`,
      ].join("\n"),
    },
    expected: [
      `apps/re-exports/src/adapters/index.ts (adapters/) imports "../http/problem" from http/; adapters/ may import domain/, adapters/`,
      `apps/re-exports/src/adapters/index.ts (adapters/) imports "../composition/runtime" from composition/; adapters/ may import domain/, adapters/`,
      `apps/re-exports/src/adapters/index.ts (adapters/) imports "../handlers/lambda" from handlers/; adapters/ may import domain/, adapters/`,
    ],
  },
  "dynamic imports": {
    files: {
      "handlers/lambda.ts": [
        `export const handler = async (name: string) => {`,
        `  const { Store } = await import("../adapters/store");`,
        `  const plugin = await import("../domain/" + name);`,
        `  return import(name);`,
        `};`,
      ].join("\n"),
    },
    expected: [
      `apps/dynamic-imports/src/handlers/lambda.ts (handlers/) imports a computed module ("../domain/" + name); name the module so its layer can be checked`,
      "apps/dynamic-imports/src/handlers/lambda.ts (handlers/) imports a computed module (name); name the module so its layer can be checked",
      `apps/dynamic-imports/src/handlers/lambda.ts (handlers/) imports "../adapters/store" from adapters/; handlers/ may import domain/, http/, composition/, handlers/`,
    ],
  },
  "libraries that do I/O in the domain": {
    files: {
      // Pure ones last: computing is not I/O, and a name that only begins like an I/O library is another library.
      "domain/rules.ts": [
        ...ioLibrariesImported,
        "node:crypto",
        "@orders/settings",
        "honorable",
        "postgres-types",
      ]
        .map(importOf)
        .join("\n"),
    },
    expected: ioLibrariesImported.map(
      (name) =>
        `apps/libraries-that-do-i-o-in-the-domain/src/domain/rules.ts (domain/) imports "${name}", a library that does I/O; domain/ may import domain/ and no library that does I/O`,
    ),
  },
  "runtime code importing tests, test support or scripts": {
    files: {
      "adapters/store.ts": `import { fake } from "../testing/fake-store";\nimport { seed } from "../scripts/seed";`,
      "local.ts": `import { expected } from "./local.test";`,
    },
    expected: [
      `apps/runtime-code-importing-tests-test-support-or-scripts/src/adapters/store.ts (adapters/) imports "../testing/fake-store" from testing/; adapters/ may import domain/, adapters/`,
      `apps/runtime-code-importing-tests-test-support-or-scripts/src/adapters/store.ts (adapters/) imports "../scripts/seed" from scripts/; adapters/ may import domain/, adapters/`,
      `apps/runtime-code-importing-tests-test-support-or-scripts/src/local.ts (entry point) imports "./local.test" from tests; entry point may import domain/, http/, composition/, handlers/`,
    ],
  },
  "entry points and the composition root": {
    files: {
      // An entry point reaches adapters through the composition root only, and nothing imports an entry point.
      "local.ts": `import { Store } from "./adapters/store";\nimport { createRuntime } from "./composition/runtime";`,
      "main.ts": `import { config } from "./adapters/config";`,
      "handlers/lambda.ts": `import { config } from "../adapters/config";\nimport { start } from "../local";`,
      "http/create-app.ts": `import { createRuntime } from "../composition/runtime";`,
      "composition/runtime.ts": `import { handler } from "../handlers/lambda";`,
    },
    expected: [
      `apps/entry-points-and-the-composition-root/src/composition/runtime.ts (composition/) imports "../handlers/lambda" from handlers/; composition/ may import domain/, adapters/, http/, composition/`,
      `apps/entry-points-and-the-composition-root/src/handlers/lambda.ts (handlers/) imports "../adapters/config" from adapters/; handlers/ may import domain/, http/, composition/, handlers/`,
      `apps/entry-points-and-the-composition-root/src/handlers/lambda.ts (handlers/) imports "../local" from entry point; handlers/ may import domain/, http/, composition/, handlers/`,
      `apps/entry-points-and-the-composition-root/src/http/create-app.ts (http/) imports "../composition/runtime" from composition/; http/ may import domain/, http/`,
      `apps/entry-points-and-the-composition-root/src/local.ts (entry point) imports "./adapters/store" from adapters/; entry point may import domain/, http/, composition/, handlers/`,
      `apps/entry-points-and-the-composition-root/src/main.ts (entry point) imports "./adapters/config" from adapters/; entry point may import domain/, http/, composition/, handlers/`,
    ],
  },
  "an unknown folder and an import from outside src": {
    files: {
      // The layout stays the documented one: a folder the table does not name is refused, not ignored.
      "utils/strings.ts": `import { Store } from "../adapters/store";`,
      "domain/rules.ts": `import { trim } from "../utils/strings";\nimport pkg from "../../package.json";`,
    },
    expected: [
      "apps/an-unknown-folder-and-an-import-from-outside-src/src/utils/ is not a layer: src/ holds domain/, adapters/, http/, composition/, handlers/, testing/, scripts/ and entry points such as local.ts",
      `apps/an-unknown-folder-and-an-import-from-outside-src/src/domain/rules.ts (domain/) imports "../utils/strings" from utils/; domain/ may import domain/`,
      `apps/an-unknown-folder-and-an-import-from-outside-src/src/domain/rules.ts (domain/) imports "../../package.json" from outside src/; domain/ may import domain/`,
    ],
  },
};

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z]+/g, "-")
    .replace(/-$/, "");

describe("the layer check", () => {
  let dir: string;
  let sources: Map<string, AppSource>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "app-layers-"));
    for (const [name, { files }] of Object.entries(cases)) {
      for (const [path, text] of Object.entries(files)) {
        const file = join(dir, "apps", slug(name), "src", path);
        await mkdir(join(file, ".."), { recursive: true });
        await writeFile(file, text);
      }
    }
    const apps = Object.keys(cases).map((name) => `apps/${slug(name)}`);
    sources = new Map(readAppSources(dir, apps).map((app) => [app.dir, app]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(Object.entries(cases))("reports %s", (name, { expected }) => {
    const app = sources.get(`apps/${slug(name)}`);
    expect(app).toBeDefined();
    expect(layerViolations(app as AppSource)).toEqual(expected);
  });

  it("reads only runtime files", () => {
    const app = sources.get(`apps/${slug("every layer importing what it may")}`);
    expect(app?.files.map((f) => f.path).sort()).toEqual([
      "adapters/queue.ts",
      "adapters/store.ts",
      "composition/runtime.ts",
      "composition/settings.ts",
      "domain/order.ts",
      "domain/ports.ts",
      "handlers/lambda.ts",
      "handlers/shared.ts",
      "http/create-app.ts",
      "http/routes/orders.ts",
      "local.ts",
    ]);
  });
});
