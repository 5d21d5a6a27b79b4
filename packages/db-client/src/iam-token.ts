import { formatUrl } from "@aws-sdk/core/util";
import { databaseConnection } from "@orders/settings";
import { Sha256 } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
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
 * The token is what `@aws-sdk/rds-signer`'s `Signer.getAuthToken()` returns (a test checks they are equal),
 * signed here with the same SigV4 pieces. The Signer itself is not used because its module imports the
 * whole `@aws-sdk/credential-providers` index (STS and SSO clients, instance-metadata providers) into
 * every bundle at import time, although the credentials are always passed in.
 *
 * @example
 * const token = createIamTokenProvider({ hostname, port: 5432, username: "orders_api", region,
 *   credentials: defaultProvider() });
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
    const token = await signRdsConnect(options, credentials);
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

/** RDS IAM auth token: a SigV4-presigned `GET /?Action=connect&DBUser=...` for `rds-db`, without scheme. */
async function signRdsConnect(
  target: Pick<IamTokenProviderOptions, "hostname" | "port" | "username" | "region">,
  credentials: AwsCredentialIdentity,
): Promise<string> {
  const signer = new SignatureV4({ service: "rds-db", region: target.region, credentials, sha256: Sha256 });
  const request = new HttpRequest({
    method: "GET",
    protocol: "https:",
    hostname: target.hostname,
    port: target.port,
    query: { Action: "connect", DBUser: target.username },
    headers: { host: `${target.hostname}:${target.port}` },
  });
  const presigned = await signer.presign(request, { expiresIn: databaseConnection.iamTokenLifetimeSeconds });
  return formatUrl(presigned).replace("https://", "");
}
