/** The fast-check the generators are built with: steer their requests with this one, not another copy. */
export { default as fc } from "fast-check";
export { type Exchange, sendThrough, type Violation, violationsOf } from "./exchange";
export {
  type Counts,
  describeCounts,
  describeFindings,
  type Finding,
  judge,
  type ProseRule,
  unstatedRules,
} from "./judge";
export {
  documentRequests,
  type GeneratedRequest,
  type OpenApiDocument,
  operationRequests,
  operationsOf,
  withValues,
} from "./operation-requests";
export { type ProxyOptions, startValidatingProxy, type ValidatingProxy } from "./prism-proxy";
export { allowedValue, brokenValue, codePointLength, type JsonSchema, resolverFor } from "./schema-arbitrary";
