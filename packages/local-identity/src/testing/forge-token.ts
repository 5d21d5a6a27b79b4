import { randomUUID } from "node:crypto";
import { generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { LOCAL_API_SCOPE, type LocalIdentity } from "../local-identity-provider";

/** How a forged token differs from a good one. */
export interface ForgeOptions {
  subject?: string;
  issuer?: string;
  /** null: no `aud` claim at all (Cognito's access tokens have none, only `client_id`). */
  audience?: string | null;
  /** Seconds from now; negative for an already expired token. */
  expiresIn?: number;
  extraClaims?: Record<string, unknown>;
  /** Sign with a fresh key the issuer never published (same `kid`). */
  foreignKey?: boolean;
  /** Leave `kid` out of the header. */
  noKid?: boolean;
}

/**
 * A token signed with the local provider's own key (or, with `foreignKey`, an impostor's), for the cases a
 * real sign-in cannot produce on demand: expired, another issuer, another audience. Tests only.
 */
export async function forgeToken(identity: LocalIdentity, options: ForgeOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const key = options.foreignKey
    ? (await generateKeyPair("RS256")).privateKey
    : await importJWK(identity.signingKey as JWK, "RS256");
  const jwt = new SignJWT({ client_id: identity.clientId, scope: LOCAL_API_SCOPE, ...options.extraClaims })
    .setProtectedHeader({
      alg: "RS256",
      typ: "at+jwt",
      ...(options.noKid ? {} : { kid: String(identity.signingKey.kid) }),
    })
    .setSubject(options.subject ?? "c-forged")
    .setIssuer(options.issuer ?? identity.issuer);
  if (options.audience !== null) jwt.setAudience(options.audience ?? identity.audience);
  return jwt
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 600))
    .setJti(randomUUID())
    .sign(key);
}

/** The same token with one payload claim changed and the signature kept: what a tamperer sends. */
export function tamperWith(token: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = token.split(".");
  const changed = { ...JSON.parse(Buffer.from(String(payload), "base64url").toString("utf8")), ...claims };
  return [header, Buffer.from(JSON.stringify(changed)).toString("base64url"), signature].join(".");
}
