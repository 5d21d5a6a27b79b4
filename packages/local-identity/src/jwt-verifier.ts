import { flattenClaims, type JwtAuthorizerContext, scopesOf, UnauthorizedError } from "@orders/identity";
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";

/** What API Gateway's JWT authorizer is configured with: one issuer, its audiences. */
export interface JwtAuthorizerConfig {
  issuer: string;
  /** Accepted `aud` (or, when the token has none, `client_id`) values. */
  audience: readonly string[];
  /** The issuer's signing keys (its JWKS, see {@link remoteKeys}). */
  jwks: JWTVerifyGetKey;
}

/**
 * The keys of an issuer from its JWKS URL, fetched on first use and cached (jose refetches on an unknown
 * `kid`, as a key rotation needs).
 */
export function remoteKeys(jwksUri: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUri));
}

// API Gateway's JWT authorizer takes RSA signatures only.
const algorithms = ["RS256", "RS384", "RS512"];

/**
 * Verifies an `Authorization` header value the way API Gateway's JWT authorizer does, and returns what it
 * would hand the Lambda. The rules (AWS, "Controlling access to HTTP APIs with JWT authorizers in API
 * Gateway", https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 * `kid` names a key of the issuer's JWKS, the signature is valid, `iss` equals the issuer, `aud` is one of
 * the audiences (or, only when there is no `aud`, `client_id` is), `exp` is after now, `nbf` and `iat` are
 * before now. Throws UnauthorizedError naming what failed.
 */
export async function verifyAuthorization(
  header: string | undefined,
  config: JwtAuthorizerConfig,
  now: () => Date = () => new Date(),
): Promise<JwtAuthorizerContext> {
  const token = bearerToken(header);
  // API Gateway picks the key by `kid` and refuses a token whose header names none.
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new UnauthorizedError("The token is malformed.", { invalidToken: true });
  }
  if (typeof kid !== "string" || kid === "") {
    throw new UnauthorizedError("The token's header names no signing key (kid).", { invalidToken: true });
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, config.jwks, {
      issuer: config.issuer,
      algorithms,
      requiredClaims: ["exp"],
      currentDate: now(),
      clockTolerance: 0,
    }));
  } catch (error) {
    throw new UnauthorizedError(reasonFor(error), { invalidToken: true });
  }
  if (typeof payload.iat === "number" && payload.iat > Math.floor(now().getTime() / 1000)) {
    throw new UnauthorizedError("The token was issued in the future.", { invalidToken: true });
  }
  if (!audienceMatches(payload, config.audience)) {
    throw new UnauthorizedError("The token is not for this API (audience).", { invalidToken: true });
  }
  const scopes = scopesOf(payload);
  return { claims: flattenClaims(payload), ...(scopes ? { scopes } : {}) };
}

/** The token of the header: API Gateway takes the value as the token, with or without a `Bearer ` prefix. */
function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === "") {
    throw new UnauthorizedError("Sign in: this route needs a bearer token.", { invalidToken: false });
  }
  const value = header.trim();
  return /^Bearer\s/i.test(value) ? value.slice(6).trim() : value;
}

function audienceMatches(payload: JWTPayload, accepted: readonly string[]): boolean {
  if (payload.aud !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return audiences.some((a) => accepted.includes(a));
  }
  const clientId = payload.client_id;
  return typeof clientId === "string" && accepted.includes(clientId);
}

/** A reason safe to show: which check failed, never the token or key material. */
function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The token has expired.";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "The token is from another issuer.";
    if (error.claim === "nbf") return "The token is not valid yet.";
    return `The token's ${error.claim} claim is not acceptable.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The token's signature does not verify.";
  if (error instanceof errors.JWKSNoMatchingKey) return "The token is not signed by a key of the issuer.";
  if (error instanceof errors.JOSEAlgNotAllowed) return "The token's algorithm is not accepted.";
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    return "The token could not be checked against the issuer's keys.";
  }
  return "The token is malformed.";
}
