import { createRoute } from "@hono/zod-openapi";
import { orderRequest } from "@orders/contracts";
import type { OpenApiDocument } from "@orders/http-kit";
import {
  BEARER_SCHEME,
  bearerChallengeHeader,
  buildDocument,
  gatewayRefusal,
  problemResponses,
  requestSchema,
  retryAfterHeader,
  serviceDocumentInfo,
  withBearerSecurity,
} from "@orders/http-kit/openapi";
import { API_SCOPE } from "@orders/identity";
import { catalogueCache } from "@orders/settings";
import { acceptOrderHeaders, orderIdParams } from "../schemas";
import { health, orderAccepted, orderView, problem, productList } from "./response-schemas";

const documentInfo = serviceDocumentInfo(
  "Orders API",
  "Place orders (queued, processed asynchronously by a worker), read processed orders and the catalogue. " +
    "Money is always integer cents.",
);

const idempotencyKeyDescription =
  "Makes retries safe: the same customer and key always get the same orderId, and the order is written once. " +
  "Reusing a key with another body (items or currency) is refused with 422 once the first order is stored " +
  "(GET /orders/{id} finds it). Before that (while the first order is still queued, a second or two, or " +
  "when the database does not answer within a second) the API cannot tell: it answers 202 with the same " +
  "orderId, and the worker keeps whichever of the two bodies it processes first; the other is dropped. " +
  "Read the order back to see which one was stored.";

/**
 * The API's OpenAPI 3.1 document. What the API validates (body, path parameter, header) is described from
 * the very zod/mini schemas the routes validate with; the responses from the documentation-only schemas.
 * Runs at build time (write-document.ts writes openapi.json, which the API serves) and in the tests, which
 * check that the served document is this one: never in the Lambda function.
 */
export function buildOpenApiDocument(): OpenApiDocument {
  return withBearerSecurity(
    buildDocument(documentInfo, routes()),
    `An access token (JWT) carrying the scope \`${API_SCOPE}\` (an ID token is refused) from the stage's issuer: ` +
      "Cognito, an external OpenID provider, or the local one " +
      "under `npm start` (`npm run -s token -- --sub <customer>`). The customer is the token's subject.",
  );
}

/** Every `/orders` route: a bearer token, and its 401. */
const signedIn = [{ [BEARER_SCHEME]: [] }];

/** The 401 of every `/orders` route, answered before the route runs, with its challenge. */
const unauthorized = {
  description:
    "No token, or a malformed, expired, tampered, wrong-issuer or wrong-audience one (`WWW-Authenticate: Bearer`)",
  headers: bearerChallengeHeader,
  alternatives: gatewayRefusal,
};

/** A 503: a dependency did not answer in time; the request may be retried after `Retry-After` seconds. */
const unavailable = (description: string) => ({ description, headers: retryAfterHeader });

/** Any route: a failure nobody foresaw, logged under the problem's `requestId`. */
const unexpected = "Unexpected failure; its requestId names it in the logs";

function routes() {
  const header = acceptOrderHeaders.shape["idempotency-key"];
  return [
    createRoute({
      method: "get",
      path: "/health",
      operationId: "health",
      summary: "Liveness",
      description: "Touches neither queue nor database, so a load balancer probe never costs a connection.",
      responses: {
        200: { description: "Alive", content: { "application/json": { schema: health } } },
        ...problemResponses(problem, { 500: unexpected }),
      },
    }),
    createRoute({
      method: "post",
      path: "/orders",
      operationId: "placeOrder",
      summary: "Place an order",
      description:
        "Validates the order and puts it on the queue; answers 202 only once the message is on the queue. " +
        "The worker prices it and reserves stock; poll GET /orders/{id} for the outcome. The order is the " +
        "caller's: the customer is the token's subject, and the same Idempotency-Key of two customers names two orders.",
      security: signedIn,
      parameters: [
        {
          schema: requestSchema(header.def.innerType, {
            description: idempotencyKeyDescription,
            example: "checkout-7f3a",
          }),
          required: false,
          description: idempotencyKeyDescription,
          name: "idempotency-key",
          in: "header",
        },
      ],
      request: {
        body: { required: true, content: { "application/json": { schema: requestSchema(orderRequest) } } },
      },
      responses: {
        202: {
          description: "Queued. `Location` points at the order.",
          headers: {
            Location: { schema: { type: "string" }, required: true, description: "/orders/{orderId}" },
          },
          content: { "application/json": { schema: orderAccepted } },
        },
        ...problemResponses(problem, {
          400: "Invalid body or header, or malformed JSON",
          401: unauthorized,
          403: {
            description:
              "A body `customerId` other than the token's subject, a token subject that cannot be a customer id " +
              "(over 64 characters, or not printable text), or a token without the API's scope (an ID token)",
            alternatives: gatewayRefusal,
          },
          413: "Body over 64 KiB",
          415: "Body is not application/json",
          422: "The Idempotency-Key already names a stored order of this customer with another body",
          500: unexpected,
          503: unavailable("The queue did not take the order; retry after Retry-After seconds"),
        }),
      },
    }),
    createRoute({
      method: "get",
      path: "/orders/{id}",
      operationId: "getOrder",
      summary: "Read a processed order",
      description:
        "404 until the worker has processed the order, and for another customer's order (exactly as for a missing one).",
      security: signedIn,
      parameters: [
        {
          schema: requestSchema(orderIdParams.shape.id, { example: "6f1c2a4e-8b3d-5e7f-9a0b-1c2d3e4f5a6b" }),
          required: true,
          name: "id",
          in: "path",
        },
      ],
      responses: {
        200: { description: "The processed order", content: { "application/json": { schema: orderView } } },
        ...problemResponses(problem, {
          400: "The id is not a UUID",
          401: unauthorized,
          403: { description: "A token without the API's scope (an ID token)", alternatives: gatewayRefusal },
          404: "Unknown, not processed yet, or another customer's",
          500: unexpected,
          503: unavailable("Database unavailable"),
        }),
      },
    }),
    createRoute({
      method: "get",
      path: "/products",
      operationId: "listProducts",
      summary: "The catalogue, with price (integer cents) and stock",
      description:
        `Public and the same for everyone: answered with \`Cache-Control: public, max-age=${catalogueCache.httpMaxAgeSeconds}\` ` +
        "and an ETag, and each API instance reads the database for it at most once every few seconds, so stock " +
        "may lag by seconds (the worker decides stock when it writes an order).",
      responses: {
        200: {
          description: "Every product, by SKU",
          headers: {
            "Cache-Control": {
              schema: { type: "string" },
              required: true,
              description: "public, max-age=<seconds>",
            },
            ETag: {
              schema: { type: "string" },
              required: true,
              description: "Send it back as If-None-Match for a 304",
            },
          },
          content: { "application/json": { schema: productList } },
        },
        304: { description: "Not modified: the If-None-Match ETag is current" },
        ...problemResponses(problem, { 500: unexpected, 503: unavailable("Database unavailable") }),
      },
    }),
  ];
}
