/*
 * Build time only (document scripts and tests): the OpenAPI generator and classic zod come with it, so a
 * Lambda handler must never import this entry point.
 */

export {
  BEARER_SCHEME,
  bearerChallengeHeader,
  gatewayMessage,
  gatewayRefusal,
  withBearerSecurity,
} from "./bearer-security";
export { buildDocument, type DocumentInfo, serviceDocumentInfo, writeDocument } from "./document-file";
export {
  type HeaderDoc,
  type MemberDoc,
  type ProblemResponseDoc,
  type ProblemSchemaOptions,
  problemResponses,
  problemSchema,
  retryAfterHeader,
} from "./problem-schema";
export { type JsonSchema, requestSchema } from "./request-schema";
