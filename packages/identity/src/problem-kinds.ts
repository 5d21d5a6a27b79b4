import type { ProblemKind } from "@orders/http-kit";

/** No token, or one the authorizer refused (malformed, expired, wrong issuer or audience, bad signature). */
export const unauthorizedKind = {
  slug: "unauthorized",
  status: 401,
  title: "Not signed in",
} as const satisfies ProblemKind;

/** A valid token that does not grant what was asked (reports without staff, an order for someone else). */
export const forbiddenKind = {
  slug: "forbidden",
  status: 403,
  title: "Not allowed",
} as const satisfies ProblemKind;

/** What a client should do about each (shown on the apps' `/docs` pages). */
export const identityProblemAdvice = {
  unauthorized:
    "Send `Authorization: Bearer <access token>` from the stage's issuer (`npm run -s token` locally); sign in again when it has expired.",
  forbidden:
    "Sign in as someone with the right: your own customer id for orders, a staff member for reports.",
} as const;
