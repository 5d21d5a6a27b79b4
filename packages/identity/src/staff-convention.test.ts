import { describe, expect, it } from "vitest";
import { callerOf, staffCallerOf } from "./caller";
import { flattenClaims } from "./claims";
import { isStaff, STAFF_GROUP, staffConventionFromEnv } from "./staff-convention";

/** The claims a Lambda sees for a token whose `cognito:groups` is `groups` (API Gateway flattens arrays). */
const withGroups = (groups: unknown) => ({ claims: flattenClaims({ sub: "u", "cognito:groups": groups }) });

describe("the staff convention", () => {
  it.each([
    [["staff"], true],
    [["customers", "staff"], true],
    [["staff", "ops"], true],
    ["staff", true],
    [["staffing"], false],
    [["Staff"], false],
    [["customers"], false],
    [[], false],
    // One group each, whose name merely contains the word: never staff.
    [["x,staff"], false],
    [["[ops,staff]"], false],
    [['["staff"]'], false],
    [["staff,x"], false],
    ["x,staff", false],
    ["[ops,staff]", false],
    ['["staff","ops"]', false],
  ])("cognito:groups %j → staff %s", (groups, expected) => {
    expect(isStaff(withGroups(groups))).toBe(expected);
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

  it("never takes a scope for staff, whatever it is called", () => {
    for (const scope of ["orders/staff", "staff", "cognito:groups", "orders/api"]) {
      expect(isStaff({ claims: { sub: "u" }, scopes: ["openid", scope] })).toBe(false);
    }
  });

  it("makes the members of the staff group staff, and nobody in any other group", () => {
    for (const group of ["customers", "ops", "admin", "staffers", "sta ff", "STAFF", "staff\u0000"]) {
      expect(isStaff(withGroups([group]))).toBe(false);
      expect(isStaff(withGroups([group, STAFF_GROUP]))).toBe(true);
    }
  });

  it("reads the groups from the claim the stage names for an external issuer, and only from it", () => {
    const convention = staffConventionFromEnv({ STAFF_GROUPS_CLAIM: "groups" });
    const token = { sub: "u", groups: ["staff"], "cognito:groups": ["customers"] };
    expect(isStaff({ claims: flattenClaims(token) }, convention)).toBe(true);
    expect(isStaff({ claims: flattenClaims(token) })).toBe(false);
    expect(isStaff({ claims: flattenClaims({ ...token, groups: ["ops"] }) }, convention)).toBe(false);
    expect(staffConventionFromEnv({})).toEqual({ groupsClaim: "cognito:groups" });
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

  it("is refused with 401 when the token's subject is blank", () => {
    for (const sub of ["", " ", "\t\n"]) {
      expect(() => callerOf(event({ sub }))).toThrow(
        expect.objectContaining({ kind: expect.objectContaining({ status: 401 }) }),
      );
    }
  });

  it("must be staff for staff routes (403 otherwise)", () => {
    expect(staffCallerOf(event({ sub: "s", "cognito:groups": "[staff]" })).staff).toBe(true);
    expect(() => staffCallerOf(event({ sub: "c" }))).toThrow(
      expect.objectContaining({ kind: expect.objectContaining({ status: 403 }) }),
    );
    expect(() => staffCallerOf(event({ sub: "c", "cognito:groups": "[x,staff]" }))).toThrow(
      expect.objectContaining({ kind: expect.objectContaining({ status: 403 }) }),
    );
  });

  it("uses the service's convention for staff", () => {
    const claims = { sub: "s", groups: "[staff]" };
    expect(staffCallerOf(event(claims), { groupsClaim: "groups" }).staff).toBe(true);
    expect(() => staffCallerOf(event(claims))).toThrow(/staff/);
  });
});
