import {
  type DocumentedProblemKind,
  internalErrorKind,
  methodNotAllowedKind,
  notFoundKind,
  validationErrorKind,
} from "@orders/http-kit";
import { forbiddenKind, identityProblemAdvice, unauthorizedKind } from "@orders/identity";

/**
 * Every problem kind the reporting API can answer with (listed in its OpenAPI description), each documented
 * on `/docs` under the anchor its `type` URI names (`/docs#problem-<slug>`).
 */
export const problemKinds = {
  validation: {
    ...validationErrorKind,
    advice: "Fix the query parameters listed in `errors` and ask again.",
  },
  unauthorized: { ...unauthorizedKind, advice: identityProblemAdvice.unauthorized },
  forbidden: { ...forbiddenKind, advice: identityProblemAdvice.forbidden },
  notFound: { ...notFoundKind, advice: "Check the path." },
  methodNotAllowed: { ...methodNotAllowedKind, advice: "Use one of the methods in the `Allow` header." },
  internal: { ...internalErrorKind, advice: "Retry later." },
  queueUnavailable: {
    slug: "queue-unavailable",
    status: 503,
    title: "Queue metrics unavailable",
    advice: "Retry shortly.",
  },
  databaseUnavailable: {
    slug: "database-unavailable",
    status: 503,
    title: "Database unavailable",
    advice: "Retry shortly.",
  },
} as const satisfies Record<string, DocumentedProblemKind>;
