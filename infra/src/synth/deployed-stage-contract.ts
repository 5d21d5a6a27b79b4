import { join, resolve } from "node:path";
import { API_SCOPE, protectedRouteKeys } from "@orders/identity";
import { orderFlow, type ServiceName, serviceRoles } from "@orders/settings";
import { beforeAll, describe, expect, it } from "vitest";
import { alarmSpecs } from "../alarm-specs";
import { dbUserArn } from "../db-user-arn";
import {
  functionSpecs,
  lambdaRuntime,
  lambdaTracing,
  migrationsCopyFile,
  xrayWritePolicyArn,
} from "../functions";
import { cognitoIssuer } from "../identity-plan";
import { migrationsFingerprint } from "../migrations-fingerprint";
import { networkPlan, quotaFit } from "../network-plan";
import { stageProfile } from "../stage-profile";
import { syntheticAccount, syntheticProxyArn } from "./mocks";
import { type DeployedFunction, StageGraph, types } from "./stage-graph";
import { synthesizeStage } from "./synthesize";

/** Whose database user each function must connect as (the migrator logs in directly as the master). */
export const databaseUserOf: Record<Exclude<keyof typeof functionSpecs, "migrator">, ServiceName> = {
  api: "api",
  worker: "worker",
  reportingHttp: "reportingHttp",
  rollup: "reporting",
};

/** The repository root, from which SST resolves `copyFiles` sources. */
const repoRoot = resolve(import.meta.dirname, "../../..");

/** Routes docs/deploy.md and the README call public (health, catalogue, OpenAPI, docs, dashboard page). */
export const publicRouteKeys = ["$default"];

/** Builds the stage once for the test file (one stage per process) and hands the graph to its tests. */
export function stageGraph(stage: string, dev = false): () => StageGraph {
  let graph: StageGraph | undefined;
  beforeAll(async () => {
    graph = new StageGraph(await synthesizeStage({ stage, dev }));
  }, 120_000);
  return () => {
    if (!graph) throw new Error(`stage ${stage} was not built`);
    return graph;
  };
}

const reachesDatabase = (f: DeployedFunction) =>
  f.environment.DB_HOST !== undefined ||
  f.environment.DATABASE_URL !== undefined ||
  f.statements.some((s) => s.Action.includes("rds-db:connect"));

/**
 * The deploy-time contract of a stage that `sst deploy` builds (personal or production), asserted on the
 * resources `run()` registers. Each `it` names the rule; a failure names the resource.
 */
export function describeDeployedStage(stage: string, graph: () => StageGraph): void {
  describe(`stage ${stage}: the functions`, () => {
    it("deploys every function spec exactly once, with its memory, timeout, runtime and architecture", () => {
      const deployed = graph().functions();
      expect(deployed.map((f) => f.handler).sort()).toEqual(
        Object.values(functionSpecs)
          .map((s) => s.handler)
          .sort(),
      );
      for (const spec of Object.values(functionSpecs)) {
        const f = deployed.find((d) => d.handler === spec.handler);
        expect(f?.resource.inputs, spec.handler).toMatchObject({
          memorySize: Number.parseInt(spec.memory, 10),
          timeout: spec.timeoutSeconds,
          runtime: lambdaRuntime.runtime,
          architectures: [lambdaRuntime.architecture],
        });
      }
    });

    it("gives every function a role only Lambda may assume", () => {
      for (const f of graph().functions()) {
        const trust = JSON.parse(String(f.role?.inputs.assumeRolePolicy)) as { Statement: unknown[] };
        expect(trust.Statement, f.handler).toEqual([
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
      }
    });

    it("links nothing to a function (a link to Aurora would hand it the master password)", () => {
      for (const f of graph().functions()) {
        const linked = Object.keys(f.environment).filter(
          (k) => k.startsWith("SST_RESOURCE_") && k !== "SST_RESOURCE_App",
        );
        expect(linked, f.handler).toEqual([]);
      }
    });
  });

  describe(`stage ${stage}: the database path`, () => {
    it("leaves IAM database authentication off on the cluster (clients use IAM only to the proxy)", () => {
      const cluster = graph().one("aws:rds/cluster:Cluster", "DatabaseCluster");
      expect(cluster.inputs.iamDatabaseAuthenticationEnabled).toBe(false);
    });

    it("runs every function that reaches the database in the private subnets with the functions' security group", () => {
      const g = graph();
      const privateSubnets = g
        .ofType(types.subnet)
        .filter((s) => s.name.startsWith("VpcPrivateSubnet"))
        .map((s) => s.id)
        .sort();
      const functionsGroup = g.one(types.defaultSecurityGroup, "VpcSecurityGroup").id;
      const reaching = g.functions().filter(reachesDatabase);
      expect(reaching.map((f) => f.handler).sort()).toEqual(
        Object.values(functionSpecs)
          .map((s) => s.handler)
          .sort(),
      );
      expect(privateSubnets).toHaveLength(stageProfile(stage).availabilityZones);
      for (const f of reaching) {
        expect(f.vpc, f.handler).toBeDefined();
        expect([...(f.vpc?.subnetIds ?? [])].sort(), f.handler).toEqual(privateSubnets);
        expect(f.vpc?.securityGroupIds, f.handler).toEqual([functionsGroup]);
      }
    });

    it("lets each function connect as exactly the database user in its own environment, its service's", () => {
      const g = graph();
      for (const [key, service] of Object.entries(databaseUserOf)) {
        const f = g.functionByHandler(functionSpecs[key as keyof typeof databaseUserOf].handler);
        expect(f.environment.DB_USER, f.handler).toBe(serviceRoles[service]);
        const connect = f.statements.filter((s) => s.Action.includes("rds-db:connect"));
        expect(
          connect.flatMap((s) => s.Resource),
          f.handler,
        ).toEqual([dbUserArn(syntheticProxyArn, f.environment.DB_USER ?? "")]);
        expect(
          connect.every((s) => s.Action.length === 1 && s.Effect === "Allow"),
          f.handler,
        ).toBe(true);
      }
      const migrator = g.functionByHandler(functionSpecs.migrator.handler);
      expect(migrator.statements.flatMap((s) => s.Action)).not.toContain("rds-db:connect");
    });

    it("links no function to the master secret; only the migrator reads it", () => {
      const g = graph();
      const master = g.one(types.secret, "DatabaseProxySecret").outputs.arn as string;
      for (const f of g.functions()) {
        expect(Object.keys(f.environment).filter((k) => k.startsWith("SST_RESOURCE_Database"))).toEqual([]);
        const readsMaster = f.statements.some((s) => s.Resource.includes(master));
        expect(readsMaster, f.handler).toBe(f.handler === functionSpecs.migrator.handler);
      }
    });

    it("has the proxy require TLS and IAM, with exactly the service users' secrets, read by its own role", () => {
      const g = graph();
      const proxy = g.one(types.proxy, "DatabaseProxy").inputs as {
        requireTls: boolean;
        auths: { authScheme: string; iamAuth: string; secretArn: string }[];
        roleArn: string;
      };
      const serviceSecrets = Object.keys(serviceRoles)
        .map((service) => g.one(types.secret, `DbSecret_${service}`).outputs.arn as string)
        .sort();
      expect(proxy.requireTls).toBe(true);
      expect(proxy.auths.map((a) => a.iamAuth)).toEqual(proxy.auths.map(() => "REQUIRED"));
      expect(proxy.auths.map((a) => a.secretArn).sort()).toEqual(serviceSecrets);
      const role = g.referenced(proxy.roleArn);
      expect(role?.name).toBe("DatabaseProxyServiceRole");
      const reads = g.roleStatements(role as NonNullable<typeof role>).flatMap((s) => s.Resource);
      expect([...reads].sort()).toEqual(serviceSecrets);
    });
  });

  describe(`stage ${stage}: the migrator`, () => {
    it("builds the migrator app's handler with the schema's migrations beside it, where its environment points", () => {
      const g = graph();
      const migrator = g.functionByHandler(functionSpecs.migrator.handler);
      const build = g.buildOf(functionSpecs.migrator.handler);
      expect(build.copyFiles).toEqual([
        { from: join(repoRoot, migrationsCopyFile.from), to: migrationsCopyFile.to, isDir: true },
      ]);
      expect(migrator.environment.MIGRATIONS_FOLDER).toBe(migrationsCopyFile.to);
    });

    it("invokes the migrator during the deploy, again whenever a migration changes", () => {
      const g = graph();
      const migrator = g.functionByHandler(functionSpecs.migrator.handler);
      const run = g.one("aws:lambda/invocation:Invocation", "MigratorRun");
      expect(run.inputs.functionName).toBe(migrator.resource.outputs.name);
      const fingerprint = migrationsFingerprint(join(repoRoot, migrationsCopyFile.from));
      expect(run.inputs.triggers).toMatchObject({ migrations: fingerprint });
      expect(JSON.parse(String(run.inputs.input))).toEqual({ migrations: fingerprint });
    });
  });

  describe(`stage ${stage}: the HTTP edge`, () => {
    for (const [component, service] of [
      ["Api", "api"],
      ["ReportingApi", "reporting"],
    ] as const) {
      it(`${component}: one JWT authorizer with the stage's issuer and the dashboard client as audience`, () => {
        const g = graph();
        const { authorizers } = g.gateway(component);
        const pool = g.one(types.userPool, "UsersUserPool");
        const client = g.one(types.userPoolClient, "DashboardClient");
        expect(authorizers).toHaveLength(1);
        expect(authorizers[0]?.inputs).toMatchObject({
          authorizerType: "JWT",
          identitySources: ["$request.header.Authorization"],
          jwtConfiguration: {
            issuer: cognitoIssuer(syntheticAccount.region, pool.id),
            audiences: [client.id],
          },
        });
      });

      it(`${component}: every route but ${publicRouteKeys.join(", ")} is behind its own API's authorizer`, () => {
        const { routes, authorizers } = graph().gateway(component);
        const open = routes.filter((r) => r.authorizationType === "NONE").map((r) => r.routeKey);
        expect(open.sort()).toEqual([...publicRouteKeys].sort());
        const guarded = routes.filter((r) => !publicRouteKeys.includes(r.routeKey));
        for (const route of guarded) {
          // The scope only an access token carries: API Gateway refuses an ID token on the route.
          expect(route, route.routeKey).toMatchObject({
            authorizationType: "JWT",
            authorizerId: authorizers[0]?.id,
            authorizationScopes: [API_SCOPE],
          });
        }
        expect(guarded.map((r) => r.routeKey).sort()).toEqual([...protectedRouteKeys(service)].sort());
      });
    }

    it("opens no function URL", () => {
      const g = graph();
      expect(g.ofType(types.functionUrl)).toEqual([]);
      expect(
        g.ofType("aws:lambda/permission:Permission").filter((p) => p.inputs.functionUrlAuthType),
      ).toEqual([]);
    });

    it("admits nothing from the internet into any security group (no 0.0.0.0/0, no ::/0)", () => {
      const open = graph()
        .ingressRules()
        .filter((rule) => rule.cidrs.some((cidr) => cidr === "0.0.0.0/0" || cidr === "::/0"));
      expect(open.map((rule) => rule.resource.name)).toEqual([]);
    });
  });

  describe(`stage ${stage}: the queue and the worker`, () => {
    it("maps the orders queue to the worker with the batch, window, partial responses and concurrency of settings", () => {
      const g = graph();
      const mappings = g.ofType(types.eventSourceMapping);
      expect(mappings).toHaveLength(1);
      const mapping = mappings[0]?.inputs ?? {};
      expect(mapping).toMatchObject({
        batchSize: orderFlow.batchSize,
        maximumBatchingWindowInSeconds: orderFlow.batchWindowSeconds,
        functionResponseTypes: ["ReportBatchItemFailures"],
        scalingConfig: { maximumConcurrency: orderFlow.maxConcurrency },
      });
      expect(g.referenced(mapping.functionName)?.id).toBe(
        g.functionByHandler(functionSpecs.worker.handler).resource.id,
      );
    });

    it("keeps the orders queue's visibility timeout at least 6 x the worker's timeout, and redrives after settings' count", () => {
      const g = graph();
      const mapping = g.ofType(types.eventSourceMapping)[0]?.inputs ?? {};
      const queue = g.referenced(mapping.eventSourceArn);
      const worker = g.functionByHandler(functionSpecs.worker.handler);
      expect(queue?.type).toBe(types.queue);
      const visibility = Number(queue?.inputs.visibilityTimeoutSeconds);
      expect(visibility).toBe(orderFlow.visibilityTimeoutSeconds);
      expect(visibility).toBeGreaterThanOrEqual(6 * worker.timeoutSeconds);
      const redrive = JSON.parse(String(queue?.inputs.redrivePolicy)) as Record<string, unknown>;
      expect(redrive.maxReceiveCount).toBe(orderFlow.maxReceiveCount);
      expect(g.referenced(redrive.deadLetterTargetArn)?.type).toBe(types.queue);
    });
  });

  describe(`stage ${stage}: quotas`, () => {
    it("allocates the VPCs and Elastic IPs its network plan states, within the default per-region quotas", () => {
      const use = graph().quotaUse();
      expect(use).toEqual(networkPlan(stageProfile(stage)).uses);
      expect(quotaFit(use).stagesPerRegionWithDefaultVpc).toBeGreaterThanOrEqual(1);
    });
  });

  describe(`stage ${stage}: what an operator sees`, () => {
    it("traces every function actively, its role allowed to send the traces", () => {
      for (const f of graph().functions()) {
        expect(f.resource.inputs.tracingConfig, f.handler).toEqual(lambdaTracing.tracingConfig);
        expect(f.role?.inputs.managedPolicyArns, f.handler).toContain(xrayWritePolicyArn());
      }
    });

    it("creates one alarm per alarm spec of the stage, and one operations dashboard", () => {
      const g = graph();
      const specs = alarmSpecs(
        {
          ordersQueue: "q",
          deadLetterQueue: "dlq",
          rollupDeadLetterQueue: "rollup-dlq",
          functions: { api: "a", worker: "w", reportingHttp: "r", rollup: "ru", migrator: "m" },
          httpApis: { api: "api", reporting: "reporting" },
          proxy: "proxy",
          cluster: "cluster",
        },
        stageProfile(stage),
      );
      expect(
        g
          .ofType(types.alarm)
          .map((a) => a.name)
          .sort(),
      ).toEqual(specs.map((spec) => `Alarm${spec.key}`).sort());
      expect(g.ofType(types.dashboard)).toHaveLength(1);
    });

    it("retries the rollup schedule and dead-letters what it cannot deliver, and runs that threw, to its own queue", () => {
      const g = graph();
      const [schedule] = g.ofType(types.schedule);
      const target = schedule?.inputs.target as {
        arn: string;
        deadLetterConfig?: { arn: string };
        retryPolicy?: { maximumRetryAttempts: number };
      };
      const rollup = g.functionByHandler(functionSpecs.rollup.handler);
      expect(g.referenced(target.arn)).toBe(rollup.resource);
      expect(target.retryPolicy?.maximumRetryAttempts).toBeGreaterThan(0);
      const deadLetter = g.referenced(target.deadLetterConfig?.arn);
      expect(deadLetter?.type).toBe(types.queue);
      const [invoke] = g.ofType(types.eventInvokeConfig);
      const destinations = invoke?.inputs.destinationConfig as
        | { onFailure?: { destination: string } }
        | undefined;
      expect(g.referenced(destinations?.onFailure?.destination)).toBe(deadLetter);
      expect(rollup.statements.some((s) => s.Action.includes("sqs:SendMessage"))).toBe(true);
    });
  });
}
