import type { Contract } from "./contract";

/** The parts of an API Gateway HTTP API event (payload 2.0) that make the request. */
export interface HttpApiEvent {
  rawPath: string;
  rawQueryString: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { http: { method: string } };
}

/** A structured result (payload 2.0); a plain string is a 200 JSON body to API Gateway. */
export type HttpApiResult =
  | string
  | {
      statusCode?: number;
      headers?: Record<string, string | number | boolean>;
      body?: string;
      isBase64Encoded?: boolean;
    };

/**
 * A Lambda handler behind API Gateway's HTTP API, held to `contract`: each event and its result are checked
 * as the request and response the gateway turns them into ("Working with AWS Lambda proxy integrations for
 * HTTP APIs": a string result is a 200 `application/json` body, a missing status code 200).
 *
 * @example
 * const handler = checkedLambda((await import("./lambda")).handler, contract);
 */
export function checkedLambda<
  Event extends HttpApiEvent,
  Rest extends unknown[],
  Result extends HttpApiResult,
>(
  handler: (event: Event, ...rest: Rest) => Promise<Result>,
  contract: Contract,
): (event: Event, ...rest: Rest) => Promise<Result> {
  return async (event, ...rest) => {
    const result = await handler(event, ...rest);
    await contract.assert(requestOf(event), responseOf(result));
    return result;
  };
}

function requestOf(event: HttpApiEvent): Request {
  const query = event.rawQueryString === "" ? "" : `?${event.rawQueryString}`;
  const method = event.requestContext.http.method;
  const headers = Object.entries(event.headers ?? {}).filter(
    (h): h is [string, string] => h[1] !== undefined,
  );
  const body = event.body === undefined ? undefined : decode(event.body, event.isBase64Encoded);
  const withBody = body !== undefined && method !== "GET" && method !== "HEAD";
  return new Request(`https://gateway.invalid${event.rawPath}${query}`, {
    method,
    headers,
    ...(withBody ? { body } : {}),
  });
}

function responseOf(result: HttpApiResult): Response {
  if (typeof result === "string") {
    return new Response(result, { status: 200, headers: { "content-type": "application/json" } });
  }
  const headers = Object.entries(result.headers ?? {}).map(([k, v]): [string, string] => [k, String(v)]);
  const body =
    result.body === undefined || result.body === "" ? null : decode(result.body, result.isBase64Encoded);
  return new Response(body, { status: result.statusCode ?? 200, headers });
}

function decode(body: string, base64: boolean | undefined): Uint8Array<ArrayBuffer> | string {
  return base64 ? Uint8Array.from(Buffer.from(body, "base64")) : body;
}
