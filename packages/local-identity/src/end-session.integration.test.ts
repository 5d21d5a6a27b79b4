import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IdentityFixture, startIdentityFixture } from "./testing/identity-fixture";

const dashboard = "http://127.0.0.1:45999/";
let idp: IdentityFixture;

beforeAll(async () => {
  idp = await startIdentityFixture({ redirectUris: [dashboard] });
});
afterAll(() => idp?.close());

function endSession(postLogoutRedirectUri: string) {
  const url = new URL(idp.identity.endSessionUrl);
  url.search = new URLSearchParams({
    client_id: idp.identity.clientId,
    post_logout_redirect_uri: postLogoutRedirectUri,
  }).toString();
  return fetch(url, { redirect: "manual" });
}

describe("RP-Initiated Logout at the local provider", () => {
  it("is advertised in discovery where the dashboard is told to go", async () => {
    const discovery = await fetch(`${idp.identity.issuer}/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { end_session_endpoint?: string }).end_session_endpoint).toBe(
      idp.identity.endSessionUrl,
    );
  });

  it("refuses to send the browser back anywhere but a registered page", async () => {
    const res = await endSession("https://elsewhere.example/");
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });
});
