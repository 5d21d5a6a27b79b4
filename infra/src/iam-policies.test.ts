import { type ServiceName, serviceRoles } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { dbUserArn, parseProxyArn } from "./db-user-arn";
import {
  apiPermissions,
  migratorPermissions,
  type Permission,
  type PolicyArns,
  proxyAssumeRolePolicy,
  proxySecretsPolicy,
  reportingHttpPermissions,
  rollupPermissions,
  workerPermissions,
} from "./iam-policies";

const arns: PolicyArns = {
  proxyArn: "arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0a1b2c3d4e5f67890",
  ordersQueueArn: "arn:aws:sqs:eu-west-1:123456789012:serverless-orders-alice-OrdersQueue-abc",
  deadLetterQueueArn: "arn:aws:sqs:eu-west-1:123456789012:serverless-orders-alice-OrdersDeadLetterQueue-def",
  masterSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:DatabaseProxySecret-aaa",
  serviceSecretArns: {
    api: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-orders-alice-db-api-bbb",
    worker: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-orders-alice-db-worker-ccc",
    reporting:
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-orders-alice-db-reporting-ddd",
    reportingHttp:
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-orders-alice-db-reportinghttp-eee",
  },
};

const functions: Record<string, { service?: ServiceName; permissions: Permission[] }> = {
  api: { service: "api", permissions: apiPermissions(arns) },
  worker: { service: "worker", permissions: workerPermissions(arns) },
  // The reports read as their own read-only user; only the rollup may log in as the one that writes.
  reportingHttp: { service: "reportingHttp", permissions: reportingHttpPermissions(arns) },
  rollup: { service: "reporting", permissions: rollupPermissions(arns) },
  migrator: { permissions: migratorPermissions(arns) },
};

function actionsOn(permissions: Permission[], action: string): string[] {
  return permissions.filter((p) => p.actions.includes(action)).flatMap((p) => p.resources);
}

describe("rds-db:connect", () => {
  it("builds the dbuser ARN from the proxy's resource id, region and account", () => {
    expect(dbUserArn(arns.proxyArn as string, "orders_api")).toBe(
      "arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0a1b2c3d4e5f67890/orders_api",
    );
    expect(parseProxyArn("arn:aws-cn:rds:cn-north-1:123456789012:db-proxy:prx-abc")).toEqual({
      partition: "aws-cn",
      region: "cn-north-1",
      accountId: "123456789012",
      resourceId: "prx-abc",
    });
  });

  it("refuses anything that is not a proxy ARN or a plain user name", () => {
    expect(() => dbUserArn("arn:aws:rds:eu-west-1:123456789012:cluster:orders", "orders_api")).toThrow(
      /Proxy/,
    );
    expect(() =>
      dbUserArn("arn:aws:rds:eu-west-1:123456789012:db-proxy:my-proxy-name", "orders_api"),
    ).toThrow();
    expect(() => dbUserArn(arns.proxyArn as string, "*")).toThrow(/user/);
    expect(() => dbUserArn(arns.proxyArn as string, "orders_api/..")).toThrow(/user/);
  });

  it.each(Object.entries(functions).filter(([, f]) => f.service))(
    "lets %s connect as its own database user and nobody else",
    (_name, { service, permissions }) => {
      const resources = actionsOn(permissions, "rds-db:connect");
      expect(resources).toEqual([dbUserArn(arns.proxyArn as string, serviceRoles[service as ServiceName])]);
    },
  );

  it("gives the four functions four distinct users, exactly the roles the migrations create", () => {
    const users = ["api", "worker", "reportingHttp", "rollup"].flatMap((name) =>
      actionsOn(functions[name]?.permissions ?? [], "rds-db:connect").map((arn) => arn.split("/").pop()),
    );
    expect(new Set(users)).toEqual(new Set(Object.values(serviceRoles)));
  });

  it("is not granted under sst dev, where there is no proxy", () => {
    const dev = { ...arns, proxyArn: undefined };
    for (const permissions of [
      apiPermissions(dev),
      workerPermissions(dev),
      reportingHttpPermissions(dev),
      rollupPermissions(dev),
    ]) {
      expect(actionsOn(permissions, "rds-db:connect")).toEqual([]);
    }
    expect(actionsOn(apiPermissions(dev), "sqs:SendMessage")).toEqual([arns.ordersQueueArn]);
  });
});

describe("least privilege", () => {
  it("uses no wildcard action or resource anywhere", () => {
    for (const { permissions } of Object.values(functions)) {
      for (const permission of permissions) {
        for (const value of [...permission.actions, ...permission.resources]) expect(value).not.toMatch(/\*/);
      }
    }
  });

  it("lets only the API send orders, and only to the orders queue", () => {
    for (const [name, { permissions }] of Object.entries(functions)) {
      const targets = actionsOn(permissions, "sqs:SendMessage");
      expect(targets).toEqual(name === "api" ? [arns.ordersQueueArn] : []);
    }
  });

  it("lets reporting read the depth of both queues and nothing else on SQS", () => {
    const sqs = functions.reportingHttp?.permissions.filter((p) =>
      p.actions.some((a) => a.startsWith("sqs:")),
    );
    expect(sqs).toEqual([
      { actions: ["sqs:GetQueueAttributes"], resources: [arns.ordersQueueArn, arns.deadLetterQueueArn] },
    ]);
  });

  it("keeps every secret away from the app functions", () => {
    for (const name of ["api", "worker", "reportingHttp", "rollup"]) {
      const actions = functions[name]?.permissions.flatMap((p) => p.actions) ?? [];
      expect(actions.filter((a) => a.startsWith("secretsmanager:"))).toEqual([]);
    }
  });

  it("lets the migrator read the master and the three service secrets, and connect nowhere via IAM", () => {
    const permissions = migratorPermissions(arns);
    expect(new Set(actionsOn(permissions, "secretsmanager:GetSecretValue"))).toEqual(
      new Set([arns.masterSecretArn, ...Object.values(arns.serviceSecretArns)]),
    );
    expect(permissions.flatMap((p) => p.actions)).toEqual(["secretsmanager:GetSecretValue"]);
  });
});

describe("proxy role", () => {
  it("reads exactly the service secrets, never the master secret", () => {
    const policy = proxySecretsPolicy(arns.serviceSecretArns);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]?.Action).toEqual(["secretsmanager:GetSecretValue"]);
    expect(new Set(policy.Statement[0]?.Resource)).toEqual(new Set(Object.values(arns.serviceSecretArns)));
    expect(JSON.stringify(policy)).not.toContain(arns.masterSecretArn);
  });

  it("can only be assumed by RDS", () => {
    expect(proxyAssumeRolePolicy.Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "rds.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });
});
