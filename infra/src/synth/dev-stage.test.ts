import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatLocalServicePasswords, type ServiceName, serviceRoles } from "@orders/settings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionSpecs } from "../functions";
import { databaseUserOf, stageGraph } from "./deployed-stage-contract";

// The service passwords `npm run dev:db` generated, in a data folder of its own (registered before the
// build below, so the program reads this file).
const generated = Object.fromEntries(
  Object.keys(serviceRoles).map((service) => [service, `generated-${service}-${process.pid}`]),
) as Record<ServiceName, string>;
let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "orders-dev-stage-"));
  const file = join(folder, "service-passwords");
  writeFileSync(file, formatLocalServicePasswords(generated), { mode: 0o600 });
  process.env.LOCAL_DATABASE_SERVICE_PASSWORDS_FILE = file;
});
afterAll(() => {
  delete process.env.LOCAL_DATABASE_SERVICE_PASSWORDS_FILE;
  rmSync(folder, { recursive: true, force: true });
});

// `sst dev --stage alice`: the functions run on the developer's machine against the local database.
const graph = stageGraph("alice", true);

describe("sst dev mode", () => {
  it("builds no VPC, NAT, bastion, Elastic IP, database or proxy", () => {
    const g = graph();
    const built = (prefix: string) => g.resources.filter((r) => r.type.startsWith(prefix)).map((r) => r.name);
    expect(built("aws:ec2/")).toEqual([]);
    expect(built("aws:rds/")).toEqual([]);
    expect(g.quotaUse()).toEqual({ vpcs: 0, elasticIps: 0 });
  });

  it("keeps every app function out of any VPC and pointed at the local database as its own user, with its generated password", () => {
    const g = graph();
    expect(g.functions()).toHaveLength(Object.keys(databaseUserOf).length);
    for (const [key, service] of Object.entries(databaseUserOf)) {
      const f = g.functionByHandler(functionSpecs[key as keyof typeof databaseUserOf].handler);
      expect(f.vpc, f.handler).toBeUndefined();
      const url = new URL(f.environment.DATABASE_URL ?? "missing:");
      expect(url.protocol, f.handler).toBe("postgres:");
      expect(url.username, f.handler).toBe(serviceRoles[service]);
      expect(url.password, f.handler).toBe(generated[service]);
      expect(
        f.statements.flatMap((s) => s.Action),
        f.handler,
      ).not.toContain("rds-db:connect");
    }
  });

  it("registers each function with the CLI's live bridge instead of building its code", () => {
    const g = graph();
    const methods = g.synth.rpcCalls.map((c) => c.method);
    expect(methods).not.toContain("Runtime.Build");
    expect(methods.filter((m) => m === "Runtime.AddTarget")).toHaveLength(g.functions().length);
  });

  it("admits nothing from the internet", () => {
    expect(graph().ingressRules()).toEqual([]);
  });

  it("still puts the JWT authorizer in front of the protected routes", () => {
    const g = graph();
    for (const component of ["Api", "ReportingApi"]) {
      const { routes, authorizers } = g.gateway(component);
      expect(authorizers).toHaveLength(1);
      for (const route of routes.filter((r) => r.routeKey !== "$default")) {
        expect(route.authorizerId, route.routeKey).toBe(authorizers[0]?.id);
      }
    }
  });
});
