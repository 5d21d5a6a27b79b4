import { addJwtAuthorizer, identity } from "./identity";
import { deadLetterQueue, ordersQueue } from "./queues";
import { reportingApi } from "./reporting-gateway";
import { queueEnvironment } from "./src/environment";
import { dashboardScriptCopyFile, docsPageCopyFiles, functionSpecs, seconds } from "./src/functions";
import { reportingHttpPermissions, rollupPermissions } from "./src/iam-policies";
import { gatewayRoutes, signInEnvironment, staffEnvironment } from "./src/identity-plan";
import { rollupDeadLetterPermission, rollupRetry } from "./src/rollup-schedule";
import { profile } from "./stage";
import { commonFunctionArgs, databaseEnv, environment, proxyArn } from "./wiring";

const http = functionSpecs.reportingHttp;
const rollupSpec = functionSpecs.rollup;

/**
 * Reporting dashboard and JSON reports behind API Gateway (a function URL cannot take a JWT authorizer).
 * Reads through the proxy's read-only endpoint where the stage keeps a reader (production: reports never
 * compete with order writes), else through its default endpoint as the same read-only-granted role
 * (`reportingReadEndpoint`); also shows both queues' depth. The dashboard signs in at the stage's issuer.
 */
export const reportingHttp = new sst.aws.Function("ReportingHttp", {
  ...commonFunctionArgs,
  handler: http.handler,
  memory: http.memory,
  timeout: seconds(http.timeoutSeconds),
  // The dashboard serves its own script and chart library and `/docs` serves Swagger UI itself (no CDN); the
  // bundle has no node_modules, so ship those files.
  copyFiles: [
    dashboardScriptCopyFile,
    { from: "node_modules/chart.js/dist/chart.umd.min.js", to: "chart.umd.min.js" },
    ...docsPageCopyFiles,
  ],
  concurrency: { reserved: profile.reservedConcurrency.reportingHttp },
  environment: environment(
    http.serviceName,
    // Its own read-only user through the read-only endpoint; the rollup below keeps the writing one.
    databaseEnv("reportingHttp", "reader"),
    $resolve([ordersQueue.url, deadLetterQueue.url]).apply(([orders, deadLetter]) =>
      queueEnvironment({ orders, deadLetter }),
    ),
    $resolve({
      authorizeUrl: identity.authorizeUrl,
      tokenUrl: identity.tokenUrl,
      clientId: identity.clientId,
      logoutUrl: identity.logout?.url ?? "",
    }).apply(({ logoutUrl, ...endpoints }) =>
      signInEnvironment({
        ...endpoints,
        scope: identity.scope,
        ...(logoutUrl && identity.logout
          ? { logout: { url: logoutUrl, returnParameter: identity.logout.returnParameter } }
          : {}),
      }),
    ),
    staffEnvironment(identity.groupsClaim),
  ),
  permissions: $resolve({
    proxyArn,
    ordersQueueArn: ordersQueue.arn,
    deadLetterQueueArn: deadLetterQueue.arn,
  }).apply(reportingHttpPermissions),
});

const reportingAuthorizer = addJwtAuthorizer(reportingApi);
for (const { routeKey, authorized, scopes } of gatewayRoutes("reporting", identity.apiScope)) {
  reportingApi.route(
    routeKey,
    reportingHttp.arn,
    authorized ? { auth: { jwt: { authorizer: reportingAuthorizer.id, scopes } } } : {},
  );
}

/**
 * Scheduled rollups that never ran: the schedule could not deliver them, or every run Lambda retried failed.
 * Kept the SQS maximum of 14 days; an alarm fires on the first one (alarm-specs, RollupScheduleDeadLetters).
 */
export const rollupDeadLetterQueue = new sst.aws.Queue("ReportingRollupDeadLetter", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

const retry = rollupRetry(profile);

/** The rollup writes the daily tables through the writer endpoint; one instance at a time. */
export const rollup = new sst.aws.Function("ReportingRollup", {
  ...commonFunctionArgs,
  handler: rollupSpec.handler,
  memory: rollupSpec.memory,
  timeout: seconds(rollupSpec.timeoutSeconds),
  concurrency: { reserved: profile.reservedConcurrency.rollup },
  environment: environment(rollupSpec.serviceName, databaseEnv("reporting")),
  permissions: $output(proxyArn).apply((proxy) =>
    rollupDeadLetterQueue.arn.apply((deadLetter) => [
      ...rollupPermissions({ proxyArn: proxy }),
      rollupDeadLetterPermission(deadLetter),
    ]),
  ),
});

/**
 * Lambda's asynchronous invocation of the rollup (the schedule invokes it so): a run that threw is retried
 * until the next scheduled run would start, then goes to the rollup's dead-letter queue.
 */
export const rollupAsyncInvoke = new aws.lambda.FunctionEventInvokeConfig("ReportingRollupAsyncInvoke", {
  functionName: rollup.name,
  maximumRetryAttempts: retry.functionRetries,
  maximumEventAgeInSeconds: retry.functionMaximumEventAgeSeconds,
  destinationConfig: { onFailure: { destination: rollupDeadLetterQueue.arn } },
});

/**
 * EventBridge Scheduler runs the rollup (every 5 minutes in production, hourly on dev stages), retrying an
 * invocation it cannot deliver until the next run is due, then dead-lettering it (SST's CronV2 grants the
 * schedule's role `sqs:SendMessage` on the queue).
 */
export const rollupSchedule = new sst.aws.CronV2("ReportingRollupSchedule", {
  function: rollup,
  schedule: profile.rollupSchedule,
  retries: retry.scheduleRetries,
  dlq: rollupDeadLetterQueue.arn,
  transform: {
    schedule: (args) => {
      args.target = $output(args.target).apply((target) => ({
        ...target,
        retryPolicy: {
          maximumRetryAttempts: retry.scheduleRetries,
          maximumEventAgeInSeconds: retry.scheduleMaximumEventAgeSeconds,
        },
      }));
    },
  },
});
