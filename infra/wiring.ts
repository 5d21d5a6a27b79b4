import { lambdaBundling, type ServiceName } from "@orders/settings";
import { cloudDatabase, localServicePasswords } from "./database";
import { vpc } from "./network";
import { devServiceDatabaseUrl } from "./src/dev-database";
import { databaseEnvironment, observabilityEnvironment } from "./src/environment";
import { lambdaRuntime, lambdaTracing, xrayWritePolicyArn } from "./src/functions";
import { lambdaAssumeRolePolicy } from "./src/iam-policies";
import { profile } from "./stage";

/**
 * Database environment of a function: the proxy endpoint (writer, or the read-only endpoint) and the
 * service's own user when deployed; under `sst dev`, the same user through the chain of `npm run dev:db`.
 */
export function databaseEnv(service: ServiceName, endpoint: "writer" | "reader" = "writer") {
  const db = cloudDatabase;
  if (!db) {
    const url = devServiceDatabaseUrl(service, process.env, localServicePasswords);
    return $output(databaseEnvironment({ kind: "local", url }, service));
  }
  const host = endpoint === "reader" ? db.readerHost : db.writerHost;
  return $output(host).apply((resolved) =>
    databaseEnvironment({ kind: "proxy", host: resolved, port: db.port, database: db.database }, service),
  );
}

/** Merges environment parts (plain or outputs) with the Powertools settings of the service. */
export function environment(serviceName: string, ...parts: $util.Input<Record<string, string>>[]) {
  return $resolve(parts).apply((resolved) =>
    Object.assign({}, observabilityEnvironment(serviceName), ...resolved),
  );
}

/**
 * Settings shared by every app function: runtime, architecture, how the code is bundled (the cold-start
 * benchmark bundles the same way), log retention, active tracing (and the role's right to send traces),
 * and, when deployed, the VPC and a role only Lambda may assume.
 * Under `sst dev` the functions run on your machine against the local database, so they stay out of the
 * VPC (nothing private to reach, and no NAT hop for the live-debugging bridge).
 */
export const commonFunctionArgs = {
  ...lambdaRuntime,
  nodejs: { ...lambdaBundling },
  logging: { retention: profile.logRetention },
  policies: [xrayWritePolicyArn()],
  ...(vpc ? { vpc } : {}),
  transform: {
    function: lambdaTracing,
    // Under `sst dev` SST's trust policy must keep the account: the local bridge runs as the function's role.
    ...($dev ? {} : { role: { assumeRolePolicy: JSON.stringify(lambdaAssumeRolePolicy) } }),
  },
};

/** The proxy ARN for `rds-db:connect` statements (undefined under `sst dev`). */
export const proxyArn = cloudDatabase?.proxyArn;

/** HTTP API arguments with the stage's throttling on every route (the orders API and reporting's). */
export const throttledGateway: sst.aws.ApiGatewayV2Args = {
  transform: {
    stage: (args) => {
      args.defaultRouteSettings = {
        throttlingRateLimit: profile.apiThrottle.rateLimit,
        throttlingBurstLimit: profile.apiThrottle.burstLimit,
      };
    },
  },
};
