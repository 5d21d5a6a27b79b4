import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { deadlineProblems, deadlines, orderFlow } from "@orders/settings";
import { describe, expect, it } from "vitest";
import {
  dashboardScriptCopyFile,
  docsPageCopyFiles,
  functionSpecs,
  lambdaRuntime,
  migrationsBundlePath,
  migrationsCopyFile,
} from "./functions";
import { stageProfile } from "./stage-profile";

const root = resolve(import.meta.dirname, "../..");

describe("function settings", () => {
  it("state the runtime and architecture", () => {
    expect(lambdaRuntime).toEqual({ runtime: "nodejs24.x", architecture: "arm64" });
  });

  it("give the worker the flow's timeout, which the queue's visibility timeout covers 6 times over", () => {
    expect(functionSpecs.worker.timeoutSeconds).toBe(orderFlow.workerTimeoutSeconds);
    expect(orderFlow.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(
      6 * functionSpecs.worker.timeoutSeconds,
    );
  });

  it("answer HTTP within API Gateway's 30 s integration limit", () => {
    expect(functionSpecs.api.timeoutSeconds).toBeLessThan(30);
    expect(functionSpecs.reportingHttp.timeoutSeconds).toBeLessThan(30);
  });

  it("finish a rollup before the next one is scheduled", () => {
    for (const stage of ["production", "alice"]) {
      const minutes = Number(/rate\((\d+) minutes?\)/.exec(stageProfile(stage).rollupSchedule)?.[1]);
      expect(functionSpecs.rollup.timeoutSeconds).toBeLessThan(minutes * 60);
    }
  });

  it("outlast every deadline of their calls, so a silent dependency ends in our 503, not a timeout", () => {
    for (const stage of ["production", "alice"]) {
      const minutes = Number(/rate\((\d+) minutes?\)/.exec(stageProfile(stage).rollupSchedule)?.[1]);
      const problems = deadlineProblems({
        apiSeconds: functionSpecs.api.timeoutSeconds,
        reportingHttpSeconds: functionSpecs.reportingHttp.timeoutSeconds,
        workerSeconds: functionSpecs.worker.timeoutSeconds,
        rollupSeconds: functionSpecs.rollup.timeoutSeconds,
        rollupScheduleMinutes: minutes,
      });
      expect(problems, stage).toEqual([]);
    }
    // A planted inconsistency is caught: an API timeout shorter than its queue-send deadline.
    expect(
      deadlineProblems({
        apiSeconds: deadlines.apiQueueSendMs / 1000,
        reportingHttpSeconds: functionSpecs.reportingHttp.timeoutSeconds,
        workerSeconds: functionSpecs.worker.timeoutSeconds,
        rollupSeconds: functionSpecs.rollup.timeoutSeconds,
        rollupScheduleMinutes: 5,
      }),
    ).not.toEqual([]);
  });

  it("stay within Lambda's 15-minute limit", () => {
    for (const spec of Object.values(functionSpecs)) expect(spec.timeoutSeconds).toBeLessThanOrEqual(900);
  });

  it.each(Object.entries(functionSpecs))("%s points at a file that exports its handler", (_name, spec) => {
    const [file, exported] = [
      spec.handler.slice(0, spec.handler.lastIndexOf(".")),
      spec.handler.split(".").pop(),
    ];
    const path = join(root, `${file}.ts`);
    expect(existsSync(path), `${path} is missing`).toBe(true);
    expect(readFileSync(path, "utf8")).toMatch(
      new RegExp(`export (const|async function|function) ${exported}\\b`),
    );
  });
});

describe("durations handed to SST", () => {
  it("are whole seconds (SST parses durations with parseInt)", () => {
    for (const value of [orderFlow.batchWindowSeconds, orderFlow.visibilityTimeoutSeconds]) {
      expect(Number.isInteger(value)).toBe(true);
    }
    for (const spec of Object.values(functionSpecs)) expect(Number.isInteger(spec.timeoutSeconds)).toBe(true);
  });
});

describe("docsPageCopyFiles", () => {
  it("names files that exist, so a deploy ships what /docs serves", () => {
    expect(docsPageCopyFiles.map((f) => f.to)).toEqual(["swagger-ui-bundle.js", "swagger-ui.css"]);
    for (const { from } of docsPageCopyFiles) expect(existsSync(join(root, from)), from).toBe(true);
  });
});

describe("dashboardScriptCopyFile", () => {
  it("names the reporting build's output, placed where the service looks beside its bundle", () => {
    expect(existsSync(join(root, dashboardScriptCopyFile.from)), dashboardScriptCopyFile.from).toBe(true);
    expect(dashboardScriptCopyFile.to).toBe("generated/dashboard.js");
  });
});

describe("migrationsCopyFile", () => {
  it("ships every migration the journal lists, under the folder the migrator reads", () => {
    const folder = join(root, migrationsCopyFile.from);
    const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as {
      entries: { tag: string }[];
    };
    expect(journal.entries.length).toBeGreaterThan(0);
    for (const { tag } of journal.entries) expect(existsSync(join(folder, `${tag}.sql`)), tag).toBe(true);
    expect(migrationsCopyFile.to).toBe(migrationsBundlePath);
  });
});
