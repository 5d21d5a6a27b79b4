import { type Header, locate, pointerTo, type ResponseObject } from "./openapi-objects";
import type { IndexedOperation } from "./operation-index";
import { isJson, mediaTypeOf } from "./request-check";
import type { SchemaValidator } from "./schema-validator";

/** A response as the checks read it: its body already taken as text (empty when it has none). */
export interface AnsweredResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * How `response` breaks what the document says this operation answers: a status it does not list, a body
 * where it describes none (or none where it describes one), a content type it does not list, a body its
 * schema refuses, a header it requires missing or one it describes holding another value. None when it
 * conforms. A HEAD response is held to the GET operation without its body.
 */
export function responseBreaks(
  document: object,
  validator: SchemaValidator,
  found: IndexedOperation,
  requestMethod: string,
  response: AnsweredResponse,
): string[] {
  const responses = found.operation.responses ?? {};
  const status = String(response.status);
  const key = [status, `${status[0]}XX`, "default"].find((k) => k in responses);
  if (key === undefined) {
    return [`the status ${status} is not one the document lists (${Object.keys(responses).join(", ")})`];
  }
  const listed = responses[key] as ResponseObject | { $ref: string };
  const { value: documented, pointer } = locate<ResponseObject>(
    document,
    listed,
    `${found.pointer}/responses/${pointerTo(key).slice(2)}`,
  );
  const breaks = headerBreaks(document, validator, documented, pointer, response.headers);
  if (requestMethod.toUpperCase() !== "HEAD")
    breaks.push(...bodyBreaks(validator, documented, pointer, response));
  return breaks;
}

function bodyBreaks(
  validator: SchemaValidator,
  documented: ResponseObject,
  pointer: string,
  response: AnsweredResponse,
): string[] {
  const content = documented.content ?? {};
  const listed = Object.keys(content);
  if (listed.length === 0)
    return response.body === "" ? [] : ["it has a body, where the document describes none"];
  if (response.body === "") return [`it has no body, where the document describes ${listed.join(", ")}`];
  const contentType = response.headers.get("content-type");
  const media = mediaTypeOf(contentType, content);
  if (media === undefined) {
    return [
      `the content type ${contentType ?? "(none)"} is not one the document lists (${listed.join(", ")})`,
    ];
  }
  if (!content[media]?.schema || !isJson(media)) return [];
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    return [`the ${media} body is not JSON`];
  }
  return validator
    .failures(`${pointer}/content/${pointerTo(media).slice(2)}/schema`, value)
    .map((failure) => `body ${failure}`);
}

function headerBreaks(
  document: object,
  validator: SchemaValidator,
  documented: ResponseObject,
  pointer: string,
  headers: Headers,
): string[] {
  const breaks: string[] = [];
  for (const [name, listed] of Object.entries(documented.headers ?? {})) {
    // OpenAPI: a response's Content-Type header is described by `content`, and a definition of it is ignored.
    if (name.toLowerCase() === "content-type") continue;
    const { value: header, pointer: at } = locate<Header>(
      document,
      listed,
      `${pointer}/headers/${pointerTo(name).slice(2)}`,
    );
    const value = headers.get(name);
    if (value === null) {
      if (header.required) breaks.push(`it lacks the header ${name}, which the document requires`);
      continue;
    }
    if (!header.schema) continue;
    const type = locate<{ type?: unknown }>(document, header.schema, `${at}/schema`);
    const typed = type.value.type === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
    for (const failure of validator.failures(type.pointer, typed)) breaks.push(`header ${name}: ${failure}`);
  }
  return breaks;
}
