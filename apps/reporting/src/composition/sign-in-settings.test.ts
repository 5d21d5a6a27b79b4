import { describe, expect, it } from "vitest";
import type { SignInSettings } from "../http/dashboard/page-contract";
import { signInSettingsFromEnv } from "./sign-in-settings";

const baseEnv = {
  SIGN_IN_AUTHORIZE_URL: "https://idp.example/auth",
  SIGN_IN_TOKEN_URL: "https://idp.example/token",
  SIGN_IN_CLIENT_ID: "dashboard",
  SIGN_IN_SCOPE: "openid",
};
const base: SignInSettings = {
  authorizeUrl: "https://idp.example/auth",
  tokenUrl: "https://idp.example/token",
  clientId: "dashboard",
  scope: "openid",
};

describe("sign-in settings", () => {
  it.each<[Record<string, string>, SignInSettings]>([
    [baseEnv, base],
    [
      {
        ...baseEnv,
        SIGN_IN_LOGOUT_URL: "https://idp.example/session/end",
        SIGN_IN_LOGOUT_RETURN_PARAMETER: "post_logout_redirect_uri",
      },
      {
        ...base,
        logoutUrl: "https://idp.example/session/end",
        logoutReturnParameter: "post_logout_redirect_uri",
      },
    ],
    [
      {
        ...baseEnv,
        SIGN_IN_LOGOUT_URL: "https://x.auth.eu-west-1.amazoncognito.com/logout",
        SIGN_IN_LOGOUT_RETURN_PARAMETER: "logout_uri",
      },
      {
        ...base,
        logoutUrl: "https://x.auth.eu-west-1.amazoncognito.com/logout",
        logoutReturnParameter: "logout_uri",
      },
    ],
  ])("are read from the environment (%o)", (env, settings) => {
    expect(signInSettingsFromEnv(env)).toEqual(settings);
  });

  it("return to the dashboard by OpenID Connect's parameter unless told otherwise", () => {
    const env = { ...baseEnv, SIGN_IN_LOGOUT_URL: "https://idp.example/session/end" };
    expect(signInSettingsFromEnv(env)?.logoutReturnParameter).toBe("post_logout_redirect_uri");
  });

  it("refuse a return parameter no provider here uses", () => {
    const env = {
      ...baseEnv,
      SIGN_IN_LOGOUT_URL: "https://idp.example/session/end",
      SIGN_IN_LOGOUT_RETURN_PARAMETER: "redirect_uri",
    };
    expect(() => signInSettingsFromEnv(env)).toThrow(/SIGN_IN_LOGOUT_RETURN_PARAMETER must be one of/);
  });
});
