import fc from "fast-check";
import { allowedValue, type Broken, brokenValue, type JsonSchema, resolverFor } from "./schema-arbitrary";

interface Parameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
}

/** The parts of an OpenAPI 3.1 document requests are generated from. */
export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation | Parameter[]>>;
  security?: Record<string, string[]>[];
}

/** A request generated from a document, and what the generator meant by it. */
export interface GeneratedRequest {
  operationId: string;
  method: string;
  /** The operation's path template (`/orders/{id}`). */
  template: string;
  /** The path with its query string. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** Whether the caller's bearer token goes with it. */
  signedIn: boolean;
  /** The values sent, by place, as generated (a prose rule reads them). */
  values: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    header: Record<string, unknown>;
    body?: unknown;
  };
  /** How the generator broke the document, or undefined for a request it meant to be allowed. */
  breaks?: string;
}

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** Text a header can carry unchanged: visible ASCII and inner spaces (HTTP trims the ends). */
function headerSafe(value: string): boolean {
  return /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value);
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

type Place = "path" | "query" | "header";

interface Parts {
  values: GeneratedRequest["values"];
  signedIn: boolean;
  body?: string;
  breaks?: string;
}

/**
 * Requests for one operation: ones the document allows (every parameter and the JSON body from their
 * schemas, optional ones present or not) and ones broken in exactly one place (a required parameter or the
 * body missing, a parameter or a body property off its schema, no token where the operation needs one).
 * Parameters are sent in OpenAPI's default styles (form query, simple path). Bodies are always JSON: Prism
 * never answers a malformed JSON body (the decision record on the outside validating proxy).
 */
export function operationRequests(
  document: OpenApiDocument,
  path: string,
  method: string,
): fc.Arbitrary<GeneratedRequest> {
  const resolve = resolverFor(document);
  const operation = document.paths?.[path]?.[method] as Operation | undefined;
  if (operation === undefined) throw new Error(`the document has no ${method.toUpperCase()} ${path}`);
  const parameters = (operation.parameters ?? []).filter((p) => p.in !== "cookie");
  const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
  const bodyRequired = operation.requestBody?.required === true;
  const secured = (operation.security ?? document.security ?? []).some((s) => Object.keys(s).length > 0);

  const validParameter = (p: Parameter) => {
    const arb = p.schema === undefined ? fc.string() : allowedValue(p.schema, resolve);
    return p.in === "header" ? arb.filter((v) => headerSafe(asText(v))) : arb;
  };
  const validParameters = fc.tuple(
    ...parameters.map((p) =>
      p.required === true || p.in === "path"
        ? validParameter(p)
        : fc.option(validParameter(p), { nil: undefined }),
    ),
  );
  const validBody: fc.Arbitrary<unknown> =
    bodySchema === undefined
      ? fc.constant(undefined)
      : bodyRequired
        ? allowedValue(bodySchema, resolve)
        : fc.option(allowedValue(bodySchema, resolve), { nil: undefined });

  const build = (parameterValues: unknown[], body: unknown): Parts => {
    const values: GeneratedRequest["values"] = { path: {}, query: {}, header: {} };
    parameters.forEach((p, index) => {
      const value = parameterValues[index];
      if (value !== undefined) values[p.in as Place][p.name] = value;
    });
    if (body !== undefined) values.body = body;
    return {
      values,
      signedIn: true,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
  };

  const allowed = fc.tuple(validParameters, validBody).map(([ps, body]) => build(ps, body));

  const broken: fc.Arbitrary<Parts>[] = [];
  parameters.forEach((p, index) => {
    if (p.required === true && p.in !== "path") {
      broken.push(
        fc.tuple(validParameters, validBody).map(([ps, body]) => {
          const without = [...ps];
          without[index] = undefined;
          return { ...build(without, body), breaks: `${p.in} ${p.name} missing` };
        }),
      );
    }
    const wrong = p.schema === undefined ? undefined : brokenValue(p.schema, resolve, true);
    if (wrong === undefined) return;
    const usable = wrong.filter((b: Broken) => {
      const text = asText(b.value);
      if (p.in === "header") return headerSafe(text);
      // A path segment must stay one non-empty segment, or the request names another route.
      if (p.in === "path") return text !== "" && text !== "." && text !== "..";
      return true;
    });
    broken.push(
      fc.tuple(validParameters, validBody, usable).map(([ps, body, b]) => {
        const changed = [...ps];
        changed[index] = b.value;
        return { ...build(changed, body), breaks: `${p.in} ${p.name} ${b.how}` };
      }),
    );
  });
  if (bodySchema !== undefined) {
    const wrongBody = brokenValue(bodySchema, resolve);
    if (wrongBody !== undefined) {
      broken.push(
        fc
          .tuple(validParameters, wrongBody)
          .map(([ps, b]) => ({ ...build(ps, b.value), breaks: `body ${b.how}` })),
      );
    }
    if (bodyRequired) {
      broken.push(validParameters.map((ps) => ({ ...build(ps, undefined), breaks: "body missing" })));
    }
  }
  if (secured) {
    broken.push(allowed.map((parts) => ({ ...parts, signedIn: false, breaks: "no bearer token" })));
  }

  const parts = broken.length === 0 ? allowed : fc.oneof(allowed, fc.oneof(...broken));
  return parts.map((p) =>
    toRequest(operation.operationId ?? `${method} ${path}`, method, path, p, bodySchema !== undefined),
  );
}

function toRequest(
  operationId: string,
  method: string,
  template: string,
  parts: Parts,
  hasBody: boolean,
): GeneratedRequest {
  const pathname = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(asText(parts.values.path[name])),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parts.values.query)) query.append(name, asText(value));
  const search = query.toString();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parts.values.header)) headers[name] = asText(value);
  if (parts.body !== undefined && hasBody) headers["content-type"] = "application/json";
  return {
    operationId,
    method: method.toUpperCase(),
    template,
    target: search === "" ? pathname : `${pathname}?${search}`,
    headers,
    ...(parts.body === undefined ? {} : { body: parts.body }),
    signedIn: parts.signedIn,
    values: parts.values,
    ...(parts.breaks === undefined ? {} : { breaks: parts.breaks }),
  };
}

/**
 * The same request with other values (a test steering generated requests towards a rule the document states
 * in prose, or towards data it has): the target, headers and body are written anew from them.
 */
export function withValues(request: GeneratedRequest, values: GeneratedRequest["values"]): GeneratedRequest {
  const parts: Parts = {
    values,
    signedIn: request.signedIn,
    ...(values.body === undefined ? {} : { body: JSON.stringify(values.body) }),
    ...(request.breaks === undefined ? {} : { breaks: request.breaks }),
  };
  return toRequest(
    request.operationId,
    request.method.toLowerCase(),
    request.template,
    parts,
    values.body !== undefined,
  );
}

/** Every operation of a document, as `[path, method]`. */
export function operationsOf(document: OpenApiDocument): [string, string][] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method): [string, string] => [path, method]),
  );
}

/** Requests for every operation of a document, each operation as likely as the next. */
export function documentRequests(
  document: OpenApiDocument,
  only: (path: string, method: string) => boolean = () => true,
): fc.Arbitrary<GeneratedRequest> {
  const operations = operationsOf(document).filter(([path, method]) => only(path, method));
  if (operations.length === 0) throw new Error("no operation to generate requests for");
  return fc.oneof(...operations.map(([path, method]) => operationRequests(document, path, method)));
}
