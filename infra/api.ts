import { addJwtAuthorizer, identity } from "./identity";
import { deadLetterQueue, ordersQueue } from "./queues";
import { queueEnvironment } from "./src/environment";
import { docsPageCopyFiles, functionSpecs, seconds } from "./src/functions";
import { apiPermissions } from "./src/iam-policies";
import { gatewayRoutes } from "./src/identity-plan";
import { profile } from "./stage";
import { commonFunctionArgs, databaseEnv, environment, proxyArn, throttledGateway } from "./wiring";

const spec = functionSpecs.api;

/**
 * The HTTP API's function (Hono routes inside). Reserved concurrency caps its instances, hence its database
 * connections (connection-budget): a burst beyond it is refused, not turned into a connection storm. Lambda
 * refuses the invocation and API Gateway answers the client `500 Internal Server Error`; only the stage's
 * own throttle (below) answers `429` (`clientAnswers` in infra/src/plan/throughput-limits.ts cites AWS).
 */
export const apiFunction = new sst.aws.Function("ApiFunction", {
  ...commonFunctionArgs,
  handler: spec.handler,
  memory: spec.memory,
  timeout: seconds(spec.timeoutSeconds),
  // `/docs` serves Swagger UI itself (no CDN); the bundle has no node_modules, so ship its two files.
  copyFiles: docsPageCopyFiles,
  concurrency: { reserved: profile.reservedConcurrency.api },
  environment: environment(
    spec.serviceName,
    databaseEnv("api"),
    ordersQueue.url.apply((orders) => queueEnvironment({ orders })),
  ),
  permissions: $resolve({
    proxyArn,
    ordersQueueArn: ordersQueue.arn,
    deadLetterQueueArn: deadLetterQueue.arn,
  }).apply(apiPermissions),
});

/**
 * HTTP API Gateway with stage-wide throttling in front of the function; every path goes to Hono, the
 * `/orders` routes through the stage's JWT authorizer.
 */
export const api = new sst.aws.ApiGatewayV2("Api", throttledGateway);

const authorizer = addJwtAuthorizer(api);
for (const { routeKey, authorized, scopes } of gatewayRoutes("api", identity.apiScope)) {
  api.route(
    routeKey,
    apiFunction.arn,
    authorized ? { auth: { jwt: { authorizer: authorizer.id, scopes } } } : {},
  );
}
