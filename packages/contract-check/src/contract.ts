import type { OpenApiDocument } from "./openapi-objects";
import { indexOperations } from "./operation-index";
import { requestRefusals, type SentRequest } from "./request-check";
import { type AnsweredResponse, responseBreaks } from "./response-check";
import { validatorFor } from "./schema-validator";

/** How many violations of one exchange a {@link ContractViolation} lists. */
const shownViolations = 5;

/** A response that breaks the document, or a request it refuses that the service took: what and where. */
export class ContractViolation extends Error {
  override name = "ContractViolation";
}

export interface ContractOptions {
  /**
   * Paths the service serves outside the document (its `/openapi.json`, the `/docs` page and its assets, a
   * dashboard): a path each, or a prefix ending in `/*`. Any other path the document does not describe may
   * be refused, never served.
   */
  outside?: readonly string[];
}

/** One exchange with the service as the document judges it. */
export interface Verdict {
  /** The operation the request was for, when the document describes one. */
  operation?: string;
  violations: string[];
}

export interface Contract {
  /** What the document says of the exchange. Reads `request` and `response` whole: pass clones to keep them. */
  check(request: Request, response: Response): Promise<Verdict>;
  /** Throws a {@link ContractViolation} naming the operation and each violation, when there is one. */
  assert(request: Request, response: Response): Promise<void>;
}

/**
 * A service's published OpenAPI 3.1 document as a judge of real exchanges:
 * - a response must have a status the operation lists, a content type it lists with a body its schema
 *   takes (or no body where it describes none), and every header it requires;
 * - a request the document refuses (a missing required parameter, a value or body its schema refuses) must
 *   not succeed: the document must not refuse what the service accepts;
 * - a path or method the document does not describe must not succeed, outside the `outside` paths.
 *
 * @example
 * const contract = loadContract(document, { outside: ["/openapi.json", "/docs", "/docs/*"] });
 * await contract.assert(request.clone(), response.clone());
 */
export function loadContract(document: OpenApiDocument, options: ContractOptions = {}): Contract {
  const operations = indexOperations(document);
  const validator = validatorFor(document);
  const title = document.info?.title ?? "the OpenAPI document";

  async function check(request: Request, response: Response): Promise<Verdict> {
    const url = new URL(request.url);
    const sent: SentRequest = { url, headers: request.headers, body: await request.text() };
    const answered: AnsweredResponse = {
      status: response.status,
      headers: response.headers,
      body: await response.text(),
    };
    const succeeded = response.status < 400;
    const match = operations.match(request.method, url.pathname);
    if (match.kind === "no-such-path") {
      const outside = (options.outside ?? []).some((path) =>
        path.endsWith("/*") ? url.pathname.startsWith(path.slice(0, -1)) : url.pathname === path,
      );
      return {
        violations:
          succeeded && !outside
            ? [
                `${request.method} ${url.pathname} answered ${response.status}, but ${title} describes no such path`,
              ]
            : [],
      };
    }
    if (match.kind === "no-such-method") {
      return {
        violations: succeeded
          ? [
              `${request.method} ${match.template} answered ${response.status}, but ${title} describes only ${match.allowed.join(", ")} there`,
            ]
          : [],
      };
    }
    const { found, pathParams } = match;
    const violations = responseBreaks(document, validator, found, request.method, answered);
    if (succeeded) {
      const refusals = requestRefusals(document, validator, found, pathParams, sent);
      violations.push(
        ...refusals.map(
          (refusal) => `answered ${response.status} to a request the document refuses: ${refusal}`,
        ),
      );
    }
    return { operation: found.name, violations };
  }

  return {
    check,
    async assert(request, response) {
      const { method } = request;
      const path = new URL(request.url).pathname;
      const verdict = await check(request, response);
      if (verdict.violations.length === 0) return;
      const line = `${method} ${path}`;
      const { operation } = verdict;
      const subject = !operation ? line : operation.includes(line) ? operation : `${operation}, ${line}`;
      // The first few say what broke; a long list (every item of an array) only repeats it.
      const shown = verdict.violations.slice(0, shownViolations).map((v) => `  - ${v}`);
      const more = verdict.violations.length - shown.length;
      if (more > 0) shown.push(`  - and ${more} more`);
      throw new ContractViolation(`${subject} broke ${title}:\n${shown.join("\n")}`);
    },
  };
}
