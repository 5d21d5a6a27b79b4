import type { GeneratedRequest } from "./operation-requests";

/** One finding of the proxy, as Prism writes it in `sl-violations`. */
export interface Violation {
  /** Where: `["request", "query", "from"]`, `["response", "body", "0", "day"]`, `["request"]` (security). */
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** A generated request, sent through the proxy, with the service's answer and the proxy's verdicts. */
export interface Exchange {
  request: GeneratedRequest;
  status: number;
  contentType: string;
  /** The answer's body, as text. */
  body: string;
  /** What the proxy found wrong with the request (errors only): empty when the document allows it. */
  requestViolations: Violation[];
  /** What the proxy found wrong with the answer (errors only). */
  responseViolations: Violation[];
}

/** The errors Prism lists in an answer's `sl-violations` header, split by side. */
export function violationsOf(headers: Headers): { request: Violation[]; response: Violation[] } {
  const raw = headers.get("sl-violations");
  const all = raw === null ? [] : (JSON.parse(raw) as Violation[]);
  const errors = all.filter((v) => v.severity === "Error");
  return {
    request: errors.filter((v) => v.location[0] === "request"),
    response: errors.filter((v) => v.location[0] === "response"),
  };
}

/**
 * A query parameter sent with an empty value (`?limit=`), which OpenAPI refuses unless the parameter sets
 * `allowEmptyValue` (none of ours does). Prism drops such a parameter before it validates, so it would judge
 * the request by the rest: the verdict is added here, by OpenAPI's rule.
 */
function emptyQueryValues(request: GeneratedRequest): Violation[] {
  return Object.entries(request.values.query)
    .filter(([, value]) => value === "")
    .map(([name]) => ({
      location: ["request", "query", name],
      severity: "Error",
      code: "allowEmptyValue",
      message: `Request query parameter ${name} is empty (allowEmptyValue is false)`,
    }));
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends requests one at a time through the proxy at `proxyUrl`, with the bearer token `token()` gives for
 * the ones meant signed in, and records each exchange.
 */
export async function sendThrough(
  proxyUrl: string,
  requests: readonly GeneratedRequest[],
  token: (request: GeneratedRequest) => Promise<string>,
): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  for (const request of requests) {
    const headers = new Headers(request.headers);
    if (request.signedIn) headers.set("authorization", `Bearer ${await token(request)}`);
    const res = await fetch(`${proxyUrl}${request.target}`, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      // A proxy that never answers fails the run naming the request, not with a test timeout.
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new Error(
        `no answer to ${request.method} ${request.target} (${request.breaks ?? "meant allowed"})`,
        {
          cause: error,
        },
      );
    });
    const violations = violationsOf(res.headers);
    exchanges.push({
      request,
      status: res.status,
      contentType: res.headers.get("content-type") ?? "",
      body: await res.text(),
      requestViolations: [...violations.request, ...emptyQueryValues(request)],
      responseViolations: violations.response,
    });
  }
  return exchanges;
}
