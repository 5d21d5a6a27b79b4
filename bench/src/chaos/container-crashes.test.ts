import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const moduleUrl = new URL("./container-crashes.ts", import.meta.url).href;

/**
 * Runs `body` in a process of its own with `watch` = watchContainerCrashes(): uncaught errors are what is
 * under test, and inside vitest's worker they would be vitest's.
 */
function runWatched(body: string) {
  const script = `
    const { watchContainerCrashes } = await import(${JSON.stringify(moduleUrl)});
    const watch = watchContainerCrashes();
    const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const report = () => console.log(JSON.stringify(watch.crashes().map((c) =>
      ({ name: c.name, container: c.container, afterRestart: c.afterRestart, cause: c.cause.message }))));
    ${body}
  `;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
    cwd: fileURLToPath(new URL(".", import.meta.url)),
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("watchContainerCrashes", () => {
  it("counts an error a container's timer throws as that container's crash, before and after the restart", () => {
    const run = runWatched(`
      watch.within(2, () => setTimeout(() => { throw new TypeError("socket gone"); }, 5));
      await later(50);
      watch.restarted();
      // Scheduled from a callback of the container's work: still the container's.
      watch.within(3, () => setImmediate(() => setTimeout(() => { throw new TypeError("again"); }, 5)));
      await later(50);
      report();
    `);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { name: "ContainerCrash", container: 2, afterRestart: false, cause: "socket gone" },
      { name: "ContainerCrash", container: 3, afterRestart: true, cause: "again" },
    ]);
  });

  it("lets an uncaught error from outside every container end the process", () => {
    const run = runWatched(`
      setTimeout(() => { throw new TypeError("the run's own fault"); }, 5);
      await later(50);
      report();
    `);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("the run's own fault");
  });
});
