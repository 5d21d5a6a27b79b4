export { correlationIdFor } from "./correlation-id";
export { registerDocsRoutes } from "./docs-routes";
export {
  type FieldError,
  type FieldLocation,
  fieldErrorsFrom,
  locationOf,
  toJsonPointer,
} from "./field-errors";
export { loadOnce } from "./load-once";
export { wrongMethodAsProblem } from "./method-not-allowed";
export type { OpenApiDocument } from "./openapi/openapi-document";
export { DOCS_PAGE_CSP, registerOpenApiRoute } from "./openapi-route";
export { packageFileCandidates, readFirstFile, readPackageFile } from "./package-file";
export {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemContext,
  problemResponse,
  toProblem,
} from "./problem";
export {
  MethodNotAllowedError,
  ProblemError,
  type ProblemErrorOptions,
  ValidationError,
} from "./problem-error";
export { answerWithProblems, type FunnelLogger, type ProblemFunnel } from "./problem-funnel";
export {
  type DocumentedProblemKind,
  internalErrorKind,
  methodNotAllowedKind,
  notFoundKind,
  type ProblemKind,
  problemAnchor,
  problemTypeUri,
  validationErrorKind,
} from "./problem-kind";
export { requestContext } from "./request-context";
export { type RequestLogger, requestLogger } from "./request-logger";
export { noStoreWhen, securityHeaders } from "./response-headers";
export { createServiceApp, type ServiceAppOptions } from "./service-app";
export type { ServiceEnv } from "./service-env";
export { jsonBody, validate } from "./validation";
