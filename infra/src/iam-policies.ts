import { type ServiceName, serviceRoles } from "@orders/settings";
import { dbUserArn } from "./db-user-arn";

/** One IAM statement in the shape `sst.aws.Function`'s `permissions` takes (plain strings: testable). */
export interface Permission {
  actions: string[];
  resources: string[];
}

/** An IAM policy document (what `aws.iam.Role` inline policies take, once JSON-encoded). */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: { Effect: "Allow"; Action: string[]; Resource: string[] }[];
}

/** Deployed ARNs the permissions refer to. */
export interface PolicyArns {
  /** Absent under `sst dev` (functions use the local database): then no `rds-db:connect` is granted. */
  proxyArn?: string;
  ordersQueueArn: string;
  deadLetterQueueArn: string;
  masterSecretArn: string;
  serviceSecretArns: Record<ServiceName, string>;
}

/** Connect through the proxy as this service's own database user, and as nobody else. */
export function connectAs(service: ServiceName, proxyArn: string): Permission {
  return { actions: ["rds-db:connect"], resources: [dbUserArn(proxyArn, serviceRoles[service])] };
}

type QueueArns = Pick<PolicyArns, "proxyArn" | "ordersQueueArn" | "deadLetterQueueArn">;

/** The API reads through the proxy and only ever sends to the orders queue. */
export function apiPermissions(arns: QueueArns): Permission[] {
  return [
    ...connectIfDeployed("api", arns.proxyArn),
    { actions: ["sqs:SendMessage"], resources: [arns.ordersQueueArn] },
  ];
}

/** The worker writes through the proxy; SST's queue subscriber adds the SQS consumer actions itself. */
export function workerPermissions(arns: Pick<PolicyArns, "proxyArn">): Permission[] {
  return connectIfDeployed("worker", arns.proxyArn);
}

/**
 * The reporting HTTP function reads the database as its own read-only user (never the rollup's, which may
 * rewrite the report tables) and the depth of both queues.
 */
export function reportingHttpPermissions(arns: QueueArns): Permission[] {
  return [
    ...connectIfDeployed("reportingHttp", arns.proxyArn),
    { actions: ["sqs:GetQueueAttributes"], resources: [arns.ordersQueueArn, arns.deadLetterQueueArn] },
  ];
}

/** The rollup only talks to the database. */
export function rollupPermissions(arns: Pick<PolicyArns, "proxyArn">): Permission[] {
  return connectIfDeployed("reporting", arns.proxyArn);
}

function connectIfDeployed(service: ServiceName, proxyArn: string | undefined): Permission[] {
  return proxyArn === undefined ? [] : [connectAs(service, proxyArn)];
}

/**
 * The migrator reads the master secret (to migrate) and each service secret (to set that role's password to
 * what the proxy will present). It gets no `rds-db:connect`: it logs in directly with the master password.
 */
export function migratorPermissions(
  arns: Pick<PolicyArns, "masterSecretArn" | "serviceSecretArns">,
): Permission[] {
  return [
    {
      actions: ["secretsmanager:GetSecretValue"],
      resources: [arns.masterSecretArn, ...serviceSecretList(arns.serviceSecretArns)],
    },
  ];
}

/**
 * Inline policy of the proxy's role: read exactly the service users' secrets. The master secret is not
 * registered at the proxy, so no client can reach the master user through it.
 */
export function proxySecretsPolicy(serviceSecretArns: Record<ServiceName, string>): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: serviceSecretList(serviceSecretArns),
      },
    ],
  };
}

/** Trust policy that lets RDS (the proxy) assume its role. */
export const proxyAssumeRolePolicy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

/**
 * Trust policy of a deployed function's role: Lambda only. SST's own adds the account's root (meant for
 * `sst dev`, where the developer's machine runs the function as its role), which would let any principal of
 * the account allowed `sts:AssumeRole` act as the function.
 */
export const lambdaAssumeRolePolicy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

function serviceSecretList(secrets: Record<ServiceName, string>): string[] {
  return (Object.keys(serviceRoles) as ServiceName[]).map((service) => secrets[service]);
}
