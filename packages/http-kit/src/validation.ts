import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { validator } from "hono/validator";
import type * as z from "zod/mini";
import { fieldErrorsFrom, locationOf } from "./field-errors";
import { ValidationError } from "./problem-error";
// zod's English messages, registered once for the whole platform by the package that owns the schemas: every
// service that validates through this module words its problems in English without an import of its own.
import "@orders/contracts/zod";

/**
 * Request validation with zod/mini schemas, as Hono middleware, for every HTTP service, without classic zod in
 * the Lambda bundles (docs/decisions/0009-zod-mini-and-build-time-openapi.md). Each middleware checks one part
 * of the request, in the order the route lists them; a failed schema throws a ValidationError listing each
 * failing field, answered as one problem+json by the service's `onError`.
 */

type Target = "param" | "query" | "header" | "json";

/**
 * Validates one part of the request; the parsed value is then `c.req.valid(target)`. Header names are
 * matched case-insensitively against the schema's keys (Hono hands headers over in lower case).
 *
 * @example
 * app.get("/orders/:id", validate("param", orderIdParams), (c) => c.json(c.req.valid("param")));
 */
export function validate<T extends Target, S extends z.ZodMiniObject>(target: T, schema: S) {
  const keyFor = new Map(Object.keys(schema.shape).map((key) => [key.toLowerCase(), key]));
  return validator(target, (value: unknown): z.output<S> => {
    const input =
      target === "header"
        ? Object.fromEntries(
            Object.entries(value as Record<string, string>).map(([k, v]) => [keyFor.get(k) ?? k, v]),
          )
        : value;
    const result = schema.safeParse(input);
    if (!result.success) throw new ValidationError(fieldErrorsFrom(result.error, locationOf(target)));
    return result.data;
  });
}

/**
 * Validates a required JSON body: a body sent as anything but JSON is a 415 (without a Content-Type, only
 * when there is a body); malformed JSON is Hono's 400; then the schema.
 */
export function jsonBody<S extends z.ZodMiniType>(schema: S) {
  const gate: MiddlewareHandler = async (c, next) => {
    const contentType = c.req.header("content-type");
    if (contentType ? !jsonRequest.test(contentType) : await hasBody(c.req.raw)) {
      throw new HTTPException(415, { message: "Unsupported Media Type" });
    }
    await next();
  };
  const parse = validator("json", (value: unknown): z.output<S> => {
    const result = schema.safeParse(value);
    if (!result.success) throw new ValidationError(fieldErrorsFrom(result.error, "body"));
    return result.data;
  });
  return [gate, parse] as const;
}

/**
 * `application/json`, with parameters: the one media type the documents list for a request body, so the
 * service takes what they promise and no more (`application/merge-patch+json` is JSON, but not this body).
 */
const jsonRequest = /^application\/json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

async function hasBody(request: Request): Promise<boolean> {
  if (request.body === null) return false;
  const bytes = await request.clone().arrayBuffer();
  return bytes.byteLength > 0;
}
