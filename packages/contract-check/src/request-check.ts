import { locate, type Parameter, pointerTo, type RequestBody } from "./openapi-objects";
import type { IndexedOperation } from "./operation-index";
import type { SchemaValidator } from "./schema-validator";

/** A request as the checks read it: its body already taken as text (empty when it has none). */
export interface SentRequest {
  url: URL;
  headers: Headers;
  body: string;
}

/**
 * Why the document refuses `request` for this operation: a required parameter or body missing, a value its
 * schema refuses, a body in a media type the operation does not take. None when the document allows it.
 * Parameter values are read as OpenAPI's default styles write them (`form` query, `simple` path and header):
 * a number as JSON writes it, a boolean as `true`/`false`, an array as repeated query keys.
 */
export function requestRefusals(
  document: object,
  validator: SchemaValidator,
  found: IndexedOperation,
  pathParams: Record<string, string>,
  request: SentRequest,
): string[] {
  const refusals: string[] = [];
  for (const { value: parameter, pointer } of found.parameters) {
    const raw = rawValues(parameter, pathParams, request);
    const where = `${parameter.in} parameter ${parameter.name}`;
    if (raw.length === 0) {
      if (parameter.required) refusals.push(`${where} is required`);
      continue;
    }
    if (!parameter.schema) continue;
    const schema = located(document, parameter.schema, `${pointer}/schema`);
    const value =
      schema.type === "array" ? raw.map((v) => typed(v, schema.itemType)) : typed(raw[0] ?? "", schema.type);
    for (const failure of validator.failures(schema.pointer, value)) refusals.push(`${where}: ${failure}`);
  }
  if (found.operation.requestBody) {
    const body = locate<RequestBody>(document, found.operation.requestBody, `${found.pointer}/requestBody`);
    refusals.push(...bodyRefusals(validator, body.value, body.pointer, request));
  }
  return refusals;
}

function rawValues(parameter: Parameter, pathParams: Record<string, string>, request: SentRequest): string[] {
  switch (parameter.in) {
    case "path":
      return parameter.name in pathParams ? [pathParams[parameter.name] ?? ""] : [];
    case "query":
      return request.url.searchParams.getAll(parameter.name);
    case "header": {
      const value = request.headers.get(parameter.name);
      return value === null ? [] : [value];
    }
    case "cookie":
      return [];
  }
}

function bodyRefusals(
  validator: SchemaValidator,
  body: RequestBody,
  pointer: string,
  request: SentRequest,
): string[] {
  if (request.body === "") return body.required ? ["the body is required"] : [];
  const contentType = request.headers.get("content-type");
  const media = mediaTypeOf(contentType, body.content ?? {});
  if (media === undefined) {
    return [
      `the body's content type ${contentType ?? "(none)"} is not one the document takes (${Object.keys(body.content ?? {}).join(", ")})`,
    ];
  }
  const schema = body.content?.[media]?.schema;
  if (!schema || !isJson(media)) return [];
  let value: unknown;
  try {
    value = JSON.parse(request.body);
  } catch {
    return ["the body is not JSON"];
  }
  return validator
    .failures(`${pointer}/content/${pointerTo(media).slice(2)}/schema`, value)
    .map((failure) => `body ${failure}`);
}

/** The key of `content` that a `Content-Type` value is: its media type, parameters aside, or a wildcard. */
export function mediaTypeOf(
  contentType: string | null,
  content: Record<string, unknown>,
): string | undefined {
  if (contentType === null) return undefined;
  const essence = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const [type] = essence.split("/");
  return [essence, `${type}/*`, "*/*"].find((key) => key in content);
}

/** Media types whose bodies are JSON: `application/json` and the `+json` suffix (`application/problem+json`). */
export function isJson(media: string): boolean {
  return media === "application/json" || media.endsWith("+json");
}

function located(document: object, schema: object, pointer: string) {
  const { value, pointer: at } = locate<{ type?: unknown; items?: { type?: unknown } }>(
    document,
    schema,
    pointer,
  );
  return { pointer: at, type: value.type, itemType: value.items?.type };
}

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A parameter's text as the value its schema's type reads: left as text when it is not one. */
function typed(text: string, type: unknown): unknown {
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes("integer") || types.includes("number")) && jsonNumber.test(text)) return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  return text;
}
