import { describe, expect, it } from "vitest";
import type { SignInSettings } from "../http/dashboard/page-contract";
import { signInEnv, signInSettingsFromEnv } from "./sign-in-settings";

const base = {
  authorizeUrl: "https://idp.example/auth",
  tokenUrl: "https://idp.example/token",
  clientId: "dashboard",
  scope: "openid",
};

describe("sign-in settings", () => {
  it.each<SignInSettings>([
    base,
    {
      ...base,
      logoutUrl: "https://idp.example/session/end",
      logoutReturnParameter: "post_logout_redirect_uri",
    },
    {
      ...base,
      logoutUrl: "https://x.auth.eu-west-1.amazoncognito.com/logout",
      logoutReturnParameter: "logout_uri",
    },
  ])("come back from the environment they are written to (%o)", (settings) => {
    expect(signInSettingsFromEnv(signInEnv(settings))).toEqual(settings);
  });

  it("return to the dashboard by OpenID Connect's parameter unless told otherwise", () => {
    const env = { ...signInEnv(base), SIGN_IN_LOGOUT_URL: "https://idp.example/session/end" };
    expect(signInSettingsFromEnv(env)?.logoutReturnParameter).toBe("post_logout_redirect_uri");
  });

  it("refuse a return parameter no provider here uses", () => {
    const env = {
      ...signInEnv(base),
      SIGN_IN_LOGOUT_URL: "https://idp.example/logout",
      SIGN_IN_LOGOUT_RETURN_PARAMETER: "redirect_uri",
    };
    expect(() => signInSettingsFromEnv(env)).toThrow(/SIGN_IN_LOGOUT_RETURN_PARAMETER must be one of/);
  });
});
