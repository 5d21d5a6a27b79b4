import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GatewayService } from "@orders/identity";
import { remoteKeys, withLocalAuthorizer } from "../local-authorizer";
import { type LocalIdentity, startLocalIdentity } from "../local-identity-provider";
import { signInWithPassword } from "../sign-in-with-password";

/** A local provider for a test file, with a way to get real tokens for any user. */
export interface IdentityFixture {
  identity: LocalIdentity;
  /** A real access token for `subject` (created if needed), through the sign-in form. */
  tokenFor(subject: string, options?: { staff?: boolean }): Promise<string>;
  /**
   * A service's fetch handler behind the local JWT authorizer trusting this provider, as under `npm start`.
   */
  behindAuthorizer<Env>(
    fetch: (request: Request, env?: Env) => Response | Promise<Response>,
    service: GatewayService,
  ): (request: Request, env?: Env) => Promise<Response>;
  /** The authorizer settings the services get: issuer, audience, JWKS URL. */
  authorizer: { issuer: string; audience: string; jwksUri: string };
  close(): Promise<void>;
}

/**
 * Starts the local OpenID provider on a free port with its own accounts file.
 *
 * @example
 * const idp = await startIdentityFixture({ redirectUris: [] });
 * const token = await idp.tokenFor("c-1");
 */
export async function startIdentityFixture(
  options: { redirectUris?: string[] } = {},
): Promise<IdentityFixture> {
  const dir = await mkdtemp(join(tmpdir(), "orders-identity-"));
  const identity = await startLocalIdentity({
    port: 0,
    accountsFile: join(dir, "accounts.json"),
    redirectUris: options.redirectUris ?? [],
  });
  return {
    identity,
    authorizer: { issuer: identity.issuer, audience: identity.audience, jwksUri: identity.jwksUri },
    behindAuthorizer: (fetch, service) =>
      withLocalAuthorizer(fetch, {
        service,
        issuer: identity.issuer,
        audience: [identity.audience],
        jwks: remoteKeys(identity.jwksUri),
      }),
    async tokenFor(subject, { staff = false } = {}) {
      const account = await identity.accounts.ensure(subject, staff);
      const signedIn = await signInWithPassword({
        issuer: identity.issuer,
        clientId: identity.clientId,
        username: subject,
        password: account.password,
      });
      return signedIn.accessToken;
    },
    async close() {
      await identity.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
