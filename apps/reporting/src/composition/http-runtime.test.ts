import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { holdToContract } from "@orders/contract-check";
import { silentLogger } from "@orders/http-kit/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reportingContract } from "../testing/reporting-contract";
import { createHttpRuntime, type HttpRuntimeOverrides } from "./http-runtime";

// Nothing here reads a report, so the database is never connected to (the runtime connects on first use).
const environment = {
  DATABASE_URL: "postgres://orders_reporting_http@127.0.0.1:1/unused",
  ORDERS_QUEUE_URL: "http://127.0.0.1:1/000000000000/orders",
  ORDERS_DLQ_URL: "http://127.0.0.1:1/000000000000/orders-dlq",
};
const committedBundle = join(import.meta.dirname, "..", "..", "generated", "dashboard.js");

async function served(overrides: HttpRuntimeOverrides = {}) {
  const runtime = createHttpRuntime(environment, { logger: silentLogger(), ...overrides });
  try {
    const response = await holdToContract(runtime.app, reportingContract).request("/assets/dashboard.js");
    return { status: response.status, body: await response.text() };
  } finally {
    await runtime.close();
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the HTTP runtime", () => {
  it("refuses to start without its configuration, naming what is missing", () => {
    expect(() => createHttpRuntime({ DATABASE_URL: environment.DATABASE_URL })).toThrow(
      /ORDERS_QUEUE_URL, ORDERS_DLQ_URL/,
    );
  });

  it("serves the dashboard's bundle it found at start-up", async () => {
    expect(await served()).toEqual({ status: 200, body: await readFile(committedBundle, "utf8") });
  });

  it("refuses to start without the dashboard's bundle, naming where it looked and how to build it", () => {
    const missing = { package: "@orders/reporting", file: "generated/no-such-bundle.js" };
    expect(() =>
      createHttpRuntime(environment, { logger: silentLogger(), dashboardScript: missing }),
    ).toThrow(
      /@orders\/reporting\/generated\/no-such-bundle\.js not found \(looked in .*generated\/no-such-bundle\.js\); run npm run build -w @orders\/reporting/,
    );
  });

  it("finds the bundle beside a Lambda bundle, where infra copies it", async () => {
    const taskRoot = await mkdtemp(join(tmpdir(), "reporting-task-root-"));
    try {
      await mkdir(join(taskRoot, "generated"));
      await writeFile(join(taskRoot, "generated", "dashboard.js"), '"use strict";copied();');
      vi.stubEnv("LAMBDA_TASK_ROOT", taskRoot);
      // A bundle has no node_modules: the package does not resolve, only the copied file is there.
      const shipped = { package: "no-such-package-here", file: "generated/dashboard.js" };
      expect(await served({ dashboardScript: shipped })).toEqual({
        status: 200,
        body: '"use strict";copied();',
      });
    } finally {
      await rm(taskRoot, { recursive: true, force: true });
    }
  });
});
