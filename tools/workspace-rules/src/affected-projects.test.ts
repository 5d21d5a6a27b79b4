import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** What `nx affected` would run for a change to these files (the GitHub workflow's pull-request step). */
function affectedBy(file: string): string[] {
  const output = execFileSync(
    process.execPath,
    [join(root, "node_modules/.bin/nx"), "show", "projects", "--affected", `--files=${file}`, "--json"],
    { cwd: root, encoding: "utf8", env: { ...process.env, NX_DAEMON: "false", NX_TUI: "false" } },
  );
  return JSON.parse(output) as string[];
}

describe("nx affected", () => {
  // The local stack and the benchmarks start the apps by file path, never import them: without declared
  // dependencies a pull request that changes only an app would skip the end-to-end and cold-start tests.
  it.each([
    ["apps/api/src/http/routes/orders.ts", "@orders/api"],
    ["apps/reporting/src/local.ts", "@orders/reporting"],
    ["apps/order-worker/src/handlers/lambda.ts", "@orders/order-worker"],
  ])("runs the projects that start the app when %s changes", (file, app) => {
    expect(affectedBy(file)).toEqual(
      expect.arrayContaining([app, "@orders/local-stack", "@orders/bench", "@orders/infra"]),
    );
  });

  // The migrator runs only in AWS: the offline stage build and the cold-start benchmark name it by path.
  it("runs the stage build and the cold-start benchmark when the migrator changes", () => {
    expect(affectedBy("apps/migrator/src/handlers/lambda.ts")).toEqual(
      expect.arrayContaining(["@orders/migrator", "@orders/bench", "@orders/infra"]),
    );
  });

  it("runs every project when the lock file changes", () => {
    expect(affectedBy("package-lock.json")).toEqual(
      expect.arrayContaining(["@orders/settings", "@orders/contracts", "@orders/local-postgres"]),
    );
  });
});
