/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Order platform on AWS: HTTP API -> SQS -> worker -> Aurora PostgreSQL (RDS Proxy, IAM auth), plus
 * reporting. One file per concern under infra/; every number and policy they use lives in infra/src (plain
 * TypeScript with tests) or @orders/settings.
 */
export default $config({
  async app(input) {
    const { stageProfile } = await import("./infra/src/stage-profile");
    const profile = stageProfile(input?.stage ?? "");
    return {
      name: "serverless-orders",
      home: "aws",
      removal: profile.removal,
      protect: profile.protect,
      providers: { aws: "7.20.0", random: "4.16.6" },
    };
  },
  async run() {
    // The budget first: a stage whose worst-case connections do not fit fails before creating anything.
    await import("./infra/budget");
    await import("./infra/network");
    await import("./infra/database");
    const { ordersQueue, deadLetterQueue } = await import("./infra/queues");
    const { api } = await import("./infra/api");
    await import("./infra/worker");
    const { reportingApi } = await import("./infra/reporting-gateway");
    const { identity } = await import("./infra/identity");
    await import("./infra/reporting");
    const { migrator } = await import("./infra/migrator");
    const { alarmTopic } = await import("./infra/alarms");

    return {
      ApiUrl: api.url,
      ReportingUrl: reportingApi.url,
      Issuer: identity.issuer,
      ClientId: identity.clientId,
      SignInUrl: identity.signInUrl,
      ...(identity.userPoolId ? { UserPoolId: identity.userPoolId } : {}),
      OrdersQueueUrl: ordersQueue.url,
      DeadLetterQueueUrl: deadLetterQueue.url,
      AlarmTopicArn: alarmTopic.arn,
      ...(migrator ? { MigratorFunction: migrator.name } : {}),
    };
  },
});
