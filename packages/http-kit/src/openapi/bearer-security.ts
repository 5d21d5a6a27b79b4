import { z } from "@hono/zod-openapi";
import type { OpenApiDocument } from "./openapi-document";
import type { HeaderDoc } from "./problem-schema";

/** The name routes use in `security: [{ [BEARER_SCHEME]: [] }]`. */
export const BEARER_SCHEME = "bearerAuth";

/**
 * The document with the bearer-token security scheme declared: an OAuth 2.0 access token (a JWT from the
 * stage's issuer) in `Authorization: Bearer`. Routes opt in with `security: [{ bearerAuth: [] }]`.
 *
 * @example
 * withBearerSecurity(buildDocument(info, routes), "Access token from the stage's issuer.");
 */
export function withBearerSecurity(document: OpenApiDocument, description: string): OpenApiDocument {
  return {
    ...document,
    components: {
      ...document.components,
      securitySchemes: {
        ...document.components?.securitySchemes,
        [BEARER_SCHEME]: { type: "http", scheme: "bearer", bearerFormat: "JWT", description },
      },
    },
  };
}

/** The `WWW-Authenticate` challenge every 401 carries (RFC 6750 §3): `Bearer`, with `error` for a bad token. */
export const bearerChallengeHeader: Record<string, HeaderDoc> = {
  "WWW-Authenticate": {
    description: 'Bearer, with error="invalid_token" when a token was sent',
    required: true,
    schema: { type: "string" },
  },
};

/**
 * API Gateway's own body when its JWT authorizer refuses a request on a deployed stage, before the service
 * runs: `{"message":"Unauthorized"}` for a 401 (with `www-authenticate`), `{"message":"Forbidden"}` for a 403
 * (AWS: "Troubleshooting issues with HTTP API JWT authorizers"). Locally the authorizer answers a problem.
 */
export const gatewayMessage = z.object({ message: z.string() }).openapi("GatewayMessage", {
  description: "API Gateway's own answer on a deployed stage, before the service runs.",
  example: { message: "Unauthorized" },
});

/** The body a 401 or 403 of a protected route may have besides its problem: the gateway's own. */
export const gatewayRefusal = { "application/json": { schema: gatewayMessage } };
