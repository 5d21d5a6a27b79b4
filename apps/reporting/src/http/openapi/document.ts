import { createRoute } from "@hono/zod-openapi";
import type { OpenApiDocument } from "@orders/http-kit";
import {
  BEARER_SCHEME,
  bearerChallengeHeader,
  buildDocument,
  gatewayRefusal,
  type JsonSchema,
  problemResponses,
  requestSchema,
  retryAfterHeader,
  serviceDocumentInfo,
  withBearerSecurity,
} from "@orders/http-kit/openapi";
import { API_SCOPE } from "@orders/identity";
import type * as z from "zod/mini";
import { rangeQuerySchema, topProductsQuerySchema } from "../schemas";
import { dailySalesSchema, problem, queueDepthsSchema, topProductsSchema } from "./response-schemas";

const documentInfo = serviceDocumentInfo(
  "Orders reporting API",
  "Read-only sales reports over accepted orders (UTC days by processing time) and queue depth. " +
    "Errors are RFC 9457 application/problem+json; a validation problem lists each failing query " +
    "parameter in `errors` (JSON pointer and message). Problem types, each documented on /docs: " +
    "validation-error (400), unauthorized (401), forbidden (403), not-found (404), method-not-allowed (405), " +
    "internal-error (500), queue-unavailable (503), database-unavailable (503). Every report is for staff: a " +
    "bearer token whose groups claim (`cognito:groups`, or the claim the stage names for an external issuer) " +
    "lists the group `staff`; scopes never make staff.",
);

/**
 * The reporting API's OpenAPI 3.1 document. The query parameters are described from the very zod/mini
 * schemas the routes validate with; the responses from the documentation-only schemas. Runs at build time
 * (write-document.ts writes openapi.json, which the service serves) and in the tests, which check that the
 * served document is this one: never in the Lambda function.
 */
export function buildOpenApiDocument(): OpenApiDocument {
  return withBearerSecurity(
    buildDocument(documentInfo, routes()),
    `An access token (JWT) of a staff member carrying the scope \`${API_SCOPE}\` (an ID token is refused) from the stage's issuer (\`npm run -s token -- --sub <name> --staff\` locally).`,
  );
}

/** Every report: a staff member's bearer token. */
const staffOnly = [{ [BEARER_SCHEME]: [] }];

/** What every report may answer besides its own: no staff token, or a failure nobody foresaw. */
const commonResponses = {
  401: {
    description:
      "No token, or a malformed, expired, tampered, wrong-issuer or wrong-audience one (`WWW-Authenticate: Bearer`)",
    headers: bearerChallengeHeader,
    alternatives: gatewayRefusal,
  },
  403: {
    description: "Signed in, but not staff, or a token without the API's scope (an ID token)",
    alternatives: gatewayRefusal,
  },
  500: "Unexpected failure; its requestId names it in the logs",
} as const;

/** A 503: a dependency did not answer in time; the request may be retried after `Retry-After` seconds. */
const unavailable = (description: string) => ({ description, headers: retryAfterHeader });

/** A query parameter described from its schema (required unless it has a default). */
function queryParameter(name: string, schema: z.ZodMiniType, extra: JsonSchema) {
  const json = requestSchema(schema, extra);
  const description = typeof extra.description === "string" ? { description: extra.description } : {};
  return { schema: json, required: !("default" in json), ...description, name, in: "query" as const };
}

function rangeParameters(shape: typeof rangeQuerySchema.shape) {
  return [
    queryParameter("from", shape.from, {
      format: "date",
      example: "2026-11-01",
      description: "UTC day from 0001-01-01, first included",
    }),
    queryParameter("to", shape.to, {
      format: "date",
      example: "2026-11-30",
      description: "UTC day from 0001-01-01, last included",
    }),
  ];
}

function routes() {
  return [
    createRoute({
      method: "get",
      path: "/reports/daily-sales",
      operationId: "dailySales",
      summary: "Accepted orders, units and revenue per UTC day",
      description:
        "One entry per day with at least one accepted order, by the day the order was processed (UTC). " +
        "Closed days come from the rollups, recent ones are aggregated live, so new orders show at once.",
      parameters: rangeParameters(rangeQuerySchema.shape),
      security: staffOnly,
      responses: {
        200: {
          description: "Days with activity, in order",
          content: { "application/json": { schema: dailySalesSchema } },
        },
        ...problemResponses(problem, {
          ...commonResponses,
          400: "Missing or invalid from/to, to before from, or a range over 366 days",
          503: unavailable("Database unavailable"),
        }),
      },
    }),
    createRoute({
      method: "get",
      path: "/reports/top-products",
      operationId: "topProducts",
      summary: "Best-selling products by revenue over a range of UTC days",
      parameters: [
        ...rangeParameters(topProductsQuerySchema.shape),
        queryParameter("limit", topProductsQuerySchema.shape.limit, { example: 10 }),
      ],
      security: staffOnly,
      responses: {
        200: {
          description: "Products by revenue (highest first, ties by SKU)",
          content: { "application/json": { schema: topProductsSchema } },
        },
        ...problemResponses(problem, {
          ...commonResponses,
          400: "Invalid range or limit outside 1..100",
          503: unavailable("Database unavailable"),
        }),
      },
    }),
    createRoute({
      method: "get",
      path: "/reports/queue",
      operationId: "queueDepths",
      summary: "Approximate depth of the orders queue and its dead-letter queue",
      security: staffOnly,
      responses: {
        200: {
          description: "Depths from SQS GetQueueAttributes",
          content: { "application/json": { schema: queueDepthsSchema } },
        },
        ...problemResponses(problem, { ...commonResponses, 503: unavailable("SQS could not be read") }),
      },
    }),
  ];
}
