import { z } from "@hono/zod-openapi";

/**
 * A member's documentation in the schema: what it means, or what a value looks like. (A type, not an
 * interface: the generator's metadata has an index signature, which only type literals satisfy.)
 */
export type MemberDoc<T> = { description?: string; example?: T };

export interface ProblemSchemaOptions {
  /** The component's description. */
  description?: string;
  /** How `type` (a problem type URI) is documented. */
  type: MemberDoc<string>;
  /** Members the service adds to every problem, listed after `instance` (the API's `requestId`). */
  members?: z.ZodRawShape;
  /** The `errors` of a validation problem, one per failing field. */
  errors: {
    /** The request parts a field error can be `in`, in the order the document lists them. */
    in: readonly [string, ...string[]];
    pointer: MemberDoc<string>;
    path?: MemberDoc<(string | number)[]>;
    /** An array index in `path`: `z.int()`, or `z.number()` where a document was written with it. */
    index: z.ZodType<number>;
  };
}

/**
 * The `Problem` component of a service's OpenAPI document: RFC 9457 problem details as
 * `@orders/http-kit` answers them (`type`, `title`, `status`, `detail`, `instance`, the service's own
 * members, and `errors` for a validation problem). Build time only, like the rest of this entry point.
 *
 * @example
 * const problem = problemSchema({
 *   type: { example: "/docs#problem-validation-error" },
 *   errors: { in: ["query"], pointer: { example: "/to" }, index: z.int() },
 * });
 */
export function problemSchema(options: ProblemSchemaOptions) {
  const { errors } = options;
  const path = z.array(z.union([z.string(), errors.index]));
  const schema = z.object({
    type: z.string().openapi(options.type),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string(),
    ...options.members,
    errors: z
      .array(
        z.object({
          in: z.enum(errors.in),
          pointer: z.string().openapi(errors.pointer),
          path: errors.path ? path.openapi(errors.path) : path,
          message: z.string(),
        }),
      )
      .optional(),
  });
  return options.description === undefined
    ? schema.openapi("Problem")
    : schema.openapi("Problem", { description: options.description });
}

/** The media type of a problem (RFC 9457). */
const problemContentType = "application/problem+json";

/** A response header as the document describes it; `required` when every such response carries it. */
export type HeaderDoc = { description: string; required?: boolean; schema: { type: "string" | "integer" } };

/**
 * A problem response's description, the headers it carries (`Retry-After`, `WWW-Authenticate`), and the
 * bodies it may have besides the problem (API Gateway's own, for a status the gateway may answer itself).
 */
export type ProblemResponseDoc =
  | string
  | {
      description: string;
      headers?: Record<string, HeaderDoc>;
      alternatives?: Record<string, { schema: z.ZodType }>;
    };

/**
 * OpenAPI response entries answering `schema` (a {@link problemSchema}) as `application/problem+json`, one
 * per status, so every route documents the errors it can answer with, and the headers they carry.
 *
 * @example
 * responses: { 200: ok, ...problemResponses(problem, { 400: "Invalid range", 503: { description, headers } }) }
 */
export function problemResponses<T extends z.ZodType, S extends number>(
  schema: T,
  statuses: Record<S, ProblemResponseDoc>,
) {
  return Object.fromEntries(
    Object.entries<ProblemResponseDoc>(statuses).map(([status, doc]) => [
      status,
      typeof doc === "string"
        ? { description: doc, content: { [problemContentType]: { schema } } }
        : {
            description: doc.description,
            ...(doc.headers ? { headers: doc.headers } : {}),
            content: { [problemContentType]: { schema }, ...doc.alternatives },
          },
    ]),
  ) as Record<
    S,
    {
      description: string;
      headers?: Record<string, HeaderDoc>;
      content: { [problemContentType]: { schema: T } } & Record<string, { schema: z.ZodType }>;
    }
  >;
}

/** `Retry-After` as every 503 of the services carries it: whole seconds to wait (RFC 9110 §10.2.3). */
export const retryAfterHeader: Record<string, HeaderDoc> = {
  "Retry-After": {
    description: "Seconds to wait before retrying",
    required: true,
    schema: { type: "integer" },
  },
};
