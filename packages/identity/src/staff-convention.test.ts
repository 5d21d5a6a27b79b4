import { describe, expect, it } from "vitest";
import { callerOf, staffCallerOf } from "./caller";
import { flattenClaims } from "./claims";
import { isStaff, STAFF_SCOPE } from "./staff-convention";

describe("the staff convention", () => {
  it.each([
    ["[staff]", true],
    ["[customers staff]", true],
    ['["staff","ops"]', true],
    ["staff", true],
    ["[staffing]", false],
    ["[customers]", false],
    ["[]", false],
  ])("cognito:groups %s → staff %s", (groups, expected) => {
    expect(isStaff({ claims: { sub: "u", "cognito:groups": groups } })).toBe(expected);
  });

  it("takes the staff scope of an external issuer", () => {
    expect(isStaff({ claims: { sub: "u" }, scopes: ["openid", STAFF_SCOPE] })).toBe(true);
    expect(isStaff({ claims: { sub: "u" }, scopes: ["openid", "orders"] })).toBe(false);
  });

  it("reads the groups as API Gateway passes them from a Cognito token", () => {
    const claims = flattenClaims({
      sub: "u",
      "cognito:groups": ["staff", "ops"],
      exp: 1,
      email_verified: true,
    });
    expect(claims).toEqual({ sub: "u", "cognito:groups": "[staff ops]", exp: "1", email_verified: "true" });
    expect(isStaff({ claims })).toBe(true);
  });
});

describe("the caller", () => {
  const event = (claims: Record<string, string>) => ({
    event: { requestContext: { authorizer: { jwt: { claims } } } },
  });

  it("is the token's subject", () => {
    expect(callerOf(event({ sub: "c-1" }))).toEqual({ subject: "c-1", staff: false });
  });

  it("is refused with 401 when no authorizer ran", () => {
    expect(() => callerOf(undefined)).toThrow(
      expect.objectContaining({ kind: expect.objectContaining({ status: 401 }) }),
    );
    expect(() => callerOf({ event: { requestContext: {} } })).toThrow(/bearer token/);
  });

  it("must be staff for staff routes (403 otherwise)", () => {
    expect(staffCallerOf(event({ sub: "s", "cognito:groups": "[staff]" })).staff).toBe(true);
    expect(() => staffCallerOf(event({ sub: "c" }))).toThrow(
      expect.objectContaining({ kind: expect.objectContaining({ status: 403 }) }),
    );
  });
});
