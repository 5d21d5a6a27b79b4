import type { OpenApiDocument } from "./openapi-document";

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
