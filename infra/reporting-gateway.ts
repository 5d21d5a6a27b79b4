import { profile } from "./stage";

/**
 * Reporting's own HTTP API (its dashboard, `/openapi.json` and `/docs` would collide with the orders API's
 * paths). Created before the identity provider, whose dashboard client redirects back to it.
 */
export const reportingApi = new sst.aws.ApiGatewayV2("ReportingApi", {
  transform: {
    stage: (args) => {
      args.defaultRouteSettings = {
        throttlingRateLimit: profile.apiThrottle.rateLimit,
        throttlingBurstLimit: profile.apiThrottle.burstLimit,
      };
    },
  },
});
