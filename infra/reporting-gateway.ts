import { throttledGateway } from "./wiring";

/**
 * Reporting's own HTTP API (its dashboard, `/openapi.json` and `/docs` would collide with the orders API's
 * paths). Created before the identity provider, whose dashboard client redirects back to it.
 */
export const reportingApi = new sst.aws.ApiGatewayV2("ReportingApi", throttledGateway);
