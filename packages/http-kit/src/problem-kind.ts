/** A kind of problem an app answers with: its `type` slug, HTTP status and stable title. */
export interface ProblemKind {
  slug: string;
  status: number;
  title: string;
}

/** A problem kind as a service's catalogue lists it: with what a client should do about it. */
export interface DocumentedProblemKind extends ProblemKind {
  /** Shown on the service's `/docs` page, under the anchor the problem's `type` URI names. */
  advice: string;
}

/** The generic 500 every app answers an unexpected error with. */
export const internalErrorKind = {
  slug: "internal-error",
  status: 500,
  title: "Internal error",
} as const satisfies ProblemKind;

/** A request that failed validation; the problem lists each failing field in `errors`. */
export const validationErrorKind = {
  slug: "validation-error",
  status: 400,
  title: "Request is invalid",
} as const satisfies ProblemKind;

/** A request to a path nothing serves. */
export const notFoundKind = {
  slug: "not-found",
  status: 404,
  title: "Not found",
} as const satisfies ProblemKind;

/** A request whose method the path does not serve; the response's `Allow` header lists those it does. */
export const methodNotAllowedKind = {
  slug: "method-not-allowed",
  status: 405,
  title: "Method not allowed",
} as const satisfies ProblemKind;

/**
 * The `type` URI of a problem kind: `/docs#problem-<slug>`, a relative reference (RFC 9457 allows it)
 * resolved against the app that answered.
 *
 * Why this scheme for every app: RFC 9457 asks that a `type` URI, when dereferenced, give human-readable
 * documentation. The orders API's `/docs` page already has an anchor per problem type and its clients,
 * README and tests link there. The alternative, `/openapi.json#problem-<slug>`, names nothing: a fragment
 * of a JSON document is a JSON pointer, and no OpenAPI document has a `problem-<slug>` member. So each app
 * serves a `/docs` page whose anchors come from {@link problemAnchor}.
 *
 * @example
 * problemTypeUri({ slug: "not-found", status: 404, title: "Not found" }); // "/docs#problem-not-found"
 */
export function problemTypeUri(kind: ProblemKind): string {
  return `/docs#${problemAnchor(kind)}`;
}

/**
 * The id of the element documenting a problem kind on an app's `/docs` page.
 *
 * @example
 * html`<h3 id="${problemAnchor(kind)}">${kind.slug}</h3>`;
 */
export function problemAnchor(kind: ProblemKind): string {
  return `problem-${kind.slug}`;
}
