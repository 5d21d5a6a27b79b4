import type { Exchange } from "./exchange";
import { type GeneratedRequest, type OpenApiDocument, operationsOf } from "./operation-requests";

/**
 * A rule the document states in words because its schemas cannot (a relation between two parameters, items
 * unique by one property): a request the schemas allow may still break it, and the service must then answer
 * `status`, as the document says.
 */
export interface ProseRule {
  name: string;
  /** The operations (by operationId) it holds for. */
  operations: string[];
  /** Words each of those operations states it with; a rule the document does not state is no excuse. */
  stated: string;
  breaks(request: GeneratedRequest): boolean;
  status: number;
}

/** What disagreed, on one exchange. */
export interface Finding {
  kind:
    | "allowed but refused"
    | "refused but accepted"
    | "refused without a problem"
    | "response breaks the document"
    | "server error"
    | "prose rule not kept";
  exchange: Exchange;
  detail: string;
}

/** The tallies a run prints: requests sent, the proxy's verdicts, the statuses. */
export interface Counts {
  sent: number;
  /** Requests the proxy found the document allows. */
  allowed: number;
  /** Of those, requests that break a prose rule (refused by the service, as the document says). */
  allowedBreakingProse: number;
  /** Requests the proxy found the document refuses. */
  refused: number;
  /** Answers by status. */
  statuses: Record<number, number>;
  /** Generated requests the proxy judged otherwise than the generator meant (informational). */
  judgedOtherwise: number;
}

/** The statuses by which a service refuses a request itself, rather than answering about a resource. */
const REFUSALS = new Set([400, 401, 403, 405, 406, 413, 415, 422]);

/** The rules an operation they hold for does not state (in its descriptions), as `rule (operationId)`. */
export function unstatedRules(document: OpenApiDocument, rules: readonly ProseRule[]): string[] {
  const text = new Map<string, string>();
  for (const [path, method] of operationsOf(document)) {
    const operation = document.paths?.[path]?.[method] as { operationId?: string } | undefined;
    if (operation?.operationId !== undefined) text.set(operation.operationId, JSON.stringify(operation));
  }
  return rules.flatMap((rule) =>
    rule.operations
      .filter((id) => !(text.get(id) ?? "").includes(rule.stated))
      .map((id) => `${rule.name} (${id})`),
  );
}

/**
 * Judges exchanges by the proxy's verdicts: a request the document allows is not refused (400, 401, 403,
 * 405, 406, 413, 415, 422) unless it breaks a prose rule, which the service answers with that rule's
 * status; a request the document refuses is refused with a 4xx `application/problem+json`; no answer breaks
 * the document and none is a 5xx.
 */
export function judge(
  exchanges: readonly Exchange[],
  rules: readonly ProseRule[] = [],
): { findings: Finding[]; counts: Counts } {
  const findings: Finding[] = [];
  const counts: Counts = {
    sent: exchanges.length,
    allowed: 0,
    allowedBreakingProse: 0,
    refused: 0,
    statuses: {},
    judgedOtherwise: 0,
  };
  const find = (kind: Finding["kind"], exchange: Exchange, detail: string) =>
    findings.push({ kind, exchange, detail });
  for (const exchange of exchanges) {
    const { status, request } = exchange;
    counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
    const allowedByDocument = exchange.requestViolations.length === 0;
    if (allowedByDocument === (request.breaks !== undefined)) counts.judgedOtherwise += 1;
    if (status >= 500) find("server error", exchange, exchange.body.slice(0, 300));
    if (exchange.responseViolations.length > 0) {
      find("response breaks the document", exchange, messages(exchange.responseViolations));
    }
    if (allowedByDocument) {
      counts.allowed += 1;
      const rule = rules.find((r) => r.operations.includes(request.operationId) && r.breaks(request));
      if (rule !== undefined) {
        counts.allowedBreakingProse += 1;
        if (status !== rule.status) {
          find(
            "prose rule not kept",
            exchange,
            `breaks "${rule.name}": expected ${rule.status}, got ${status}`,
          );
        }
      } else if (REFUSALS.has(status)) {
        find("allowed but refused", exchange, exchange.body.slice(0, 500));
      }
    } else {
      counts.refused += 1;
      if (status < 400) {
        find("refused but accepted", exchange, messages(exchange.requestViolations));
      } else if (status < 500 && !exchange.contentType.startsWith("application/problem+json")) {
        find("refused without a problem", exchange, `${status} ${exchange.contentType}`);
      }
    }
  }
  return { findings, counts };
}

function messages(violations: readonly { location: string[]; message: string }[]): string {
  return violations.map((v) => `${v.location.join(".")}: ${v.message}`).join("; ");
}

/** One line per finding, enough to replay it by hand. */
export function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map(({ kind, exchange, detail }) => {
    const { request } = exchange;
    const sent = `${request.method} ${request.target}${request.body === undefined ? "" : ` ${request.body.slice(0, 200)}`}`;
    return `${kind}: ${sent} -> ${exchange.status} (${request.breaks ?? "meant allowed"}): ${detail}`;
  });
}

/** The counts as one log line. */
export function describeCounts(name: string, counts: Counts): string {
  const statuses = Object.entries(counts.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(" ");
  return (
    `${name}: ${counts.sent} requests through the proxy, ${counts.allowed} allowed by the document ` +
    `(${counts.allowedBreakingProse} of them breaking a rule stated in prose), ${counts.refused} refused by it; ` +
    `${counts.judgedOtherwise} judged otherwise than generated; statuses ${statuses}`
  );
}
