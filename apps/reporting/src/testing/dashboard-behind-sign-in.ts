import { ContractViolation, checkedFetch } from "@orders/contract-check";
import type { ServiceEnv } from "@orders/http-kit";
import { type Served, serveOnLoopback } from "@orders/http-kit/testing";
import type { Page } from "@orders/local-browser";
import { LOCAL_API_SCOPE } from "@orders/local-identity";
import { type IdentityFixture, startIdentityFixture } from "@orders/local-identity/testing";
import type { Hono } from "hono";
import type { SignInSettings } from "../http/dashboard/page-contract";
import { reportingContract } from "./reporting-contract";

/** The reporting app served as under `npm start`: behind the local authorizer, signing in at a local provider. */
export interface DashboardBehindSignIn {
  served: Served;
  idp: IdentityFixture;
  close(): Promise<void>;
}

/**
 * Serves the app `build` makes with the sign-in settings of a fresh local OpenID provider, behind the local
 * JWT authorizer. The page's address is the redirect URI the provider must know, so it is served first and
 * wired once the provider runs.
 */
export async function serveDashboardBehindSignIn(
  build: (signIn: SignInSettings) => Hono<ServiceEnv>,
): Promise<DashboardBehindSignIn> {
  let gateway: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  // A violation thrown inside the server only reaches the browser as a 500: kept, it fails `close()` too.
  const violations: ContractViolation[] = [];
  const served = await serveOnLoopback(async (request) => {
    try {
      return await gateway(request);
    } catch (error) {
      if (error instanceof ContractViolation) violations.push(error);
      throw error;
    }
  });
  const idp = await startIdentityFixture({ redirectUris: [`${served.url}/`] });
  const app = build({
    authorizeUrl: `${idp.identity.issuer}/auth`,
    tokenUrl: `${idp.identity.issuer}/token`,
    clientId: idp.identity.clientId,
    scope: `openid ${LOCAL_API_SCOPE}`,
    logoutUrl: idp.identity.endSessionUrl,
  });
  gateway = checkedFetch(idp.behindAuthorizer(app.fetch, "reporting"), reportingContract);
  return {
    served,
    idp,
    close: async () => {
      await served.close();
      await idp.close();
      if (violations.length > 0)
        throw new AggregateError(violations, violations.map((v) => v.message).join("\n"));
    },
  };
}

/**
 * Opens the dashboard signed out, clicks "Sign in", fills the provider's form as a person would, and waits
 * to be back on the dashboard (`path`, e.g. `/?days=30`).
 */
export async function signInThroughTheForm(
  page: Page,
  dashboard: DashboardBehindSignIn,
  user: { username: string; password: string },
  path = "/?days=30",
): Promise<void> {
  const response = await page.goto(`${dashboard.served.url}${path}`);
  if (response?.status() !== 200) throw new Error(`the dashboard answered ${response?.status()}`);
  await page.waitForSelector("main[data-ready='signed-out']");
  await page.click("#sign-in");
  await page.waitForURL(`${dashboard.idp.identity.issuer}/interaction/**`);
  await page.fill("input[name=username]", user.username);
  await page.fill("input[name=password]", user.password);
  await page.click("button[type=submit]");
  await page.waitForURL(`${dashboard.served.url}${path}`);
}
