import { Signer } from "@aws-sdk/rds-signer";
import { databaseConnection } from "@orders/settings";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

export interface IamTokenProviderOptions {
  /** RDS Proxy endpoint (the token is bound to it) and port. */
  hostname: string;
  port: number;
  /** The service's own database user. */
  username: string;
  region: string;
  /** Where signing credentials come from (the Lambda role in AWS). Called on every token request. */
  credentials: AwsCredentialIdentityProvider;
  /** Current time in ms (injectable for tests). */
  now?: () => number;
  /** Sign again this long before the token (or its credentials) expire. */
  refreshMarginSeconds?: number;
}

/** Returns a valid token, signing a new one only when needed. */
export type IamTokenProvider = () => Promise<string>;

interface CachedToken {
  token: string;
  expiresAt: number;
  signedWith: string;
}

/**
 * IAM auth tokens for RDS Proxy, cached. A token is a SigV4-presigned `connect` URL valid for 15 minutes, and
 * no longer than the credentials that signed it. Signing is local (no network) but not free, and postgres.js
 * asks for the password on every new connection, so we keep one token until shortly before it expires, or
 * until the signing credentials change (a rotated Lambda role session).
 *
 * @example
 * const token = createIamTokenProvider({ hostname, port: 5432, username: "orders_api", region,
 *   credentials: fromNodeProviderChain() });
 * postgres({ host: hostname, pass: token, ssl: { rejectUnauthorized: true } });
 */
export function createIamTokenProvider(options: IamTokenProviderOptions): IamTokenProvider {
  const now = options.now ?? Date.now;
  const marginMs = (options.refreshMarginSeconds ?? databaseConnection.iamTokenRefreshMarginSeconds) * 1000;
  const lifetimeMs = databaseConnection.iamTokenLifetimeSeconds * 1000;
  let cached: CachedToken | undefined;
  let pending: Promise<string> | undefined;

  async function sign(credentials: AwsCredentialIdentity, identity: string): Promise<string> {
    const signedAt = now();
    const signer = new Signer({
      hostname: options.hostname,
      port: options.port,
      username: options.username,
      region: options.region,
      credentials,
    });
    const token = await signer.getAuthToken();
    const credentialsExpireAt = credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
    cached = { token, expiresAt: Math.min(signedAt + lifetimeMs, credentialsExpireAt), signedWith: identity };
    return token;
  }

  async function current(): Promise<string> {
    const credentials = await options.credentials();
    const identity = `${credentials.accessKeyId}:${credentials.sessionToken ?? ""}`;
    if (cached && cached.signedWith === identity && now() < cached.expiresAt - marginMs) return cached.token;
    return await sign(credentials, identity);
  }

  return () => {
    // Concurrent connects share one signing instead of racing to sign several tokens.
    pending ??= current().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
