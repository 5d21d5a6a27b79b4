import { loadModule, parseSync } from "libpg-query";
import { type PinningRule, pinningRules } from "./pinning-rules";

/** Why one statement would pin: the rule and the text that broke it. */
export interface PinReason {
  rule: string;
  condition: string;
}

/**
 * Loads PostgreSQL's parser (WebAssembly) once; {@link classifyStatement} needs it.
 * The parser is PostgreSQL's own (libpg_query), so a keyword inside a string literal, a comment or an
 * identifier never looks like a statement, which a regular expression cannot promise.
 */
export async function loadStatementParser(): Promise<void> {
  await loadModule();
}

/**
 * The pinning rules a statement text (one Query or Parse message, possibly several statements) breaks.
 * Text the parser rejects is not judged beyond its size: the server rejects it too, and a failed statement
 * changes no session state.
 */
export function classifyStatement(text: string, rules: readonly PinningRule[] = pinningRules): PinReason[] {
  const reasons: PinReason[] = [];
  const bytes = Buffer.byteLength(text);
  for (const rule of rules)
    if (rule.maxTextBytes !== undefined && bytes > rule.maxTextBytes) reasons.push(reasonOf(rule));

  const lower = text.toLowerCase();
  const candidates = rules.filter(
    (rule) =>
      (rule.statements || rule.functions) && rule.keywords?.some((word) => lower.includes(word)) !== false,
  );
  if (candidates.length === 0) return reasons;
  let tree: unknown;
  try {
    tree = parseSync(text);
  } catch {
    return reasons;
  }
  const nodes: { type: string; node: Record<string, unknown> }[] = [];
  const calls = new Set<string>();
  collect(tree, nodes, calls);
  for (const rule of candidates) {
    const hitsStatement = rule.statements?.some((s) =>
      nodes.some(
        (n) =>
          n.type === s.node &&
          !(s.unless && n.node[s.unless]) &&
          (!s.onlyIf || fieldAt(n.node, s.onlyIf.field) === s.onlyIf.equals),
      ),
    );
    const hitsFunction = rule.functions?.some((name) => calls.has(name));
    if (hitsStatement || hitsFunction) reasons.push(reasonOf(rule));
  }
  return reasons;
}

/** The rules a Parse message breaks by its own shape (not its text). */
export function classifyParse(
  statementName: string,
  rules: readonly PinningRule[] = pinningRules,
): PinReason[] {
  return statementName === "" ? [] : rules.filter((r) => r.namedParse).map(reasonOf);
}

function reasonOf(rule: PinningRule): PinReason {
  return { rule: rule.id, condition: rule.condition };
}

/** Walks the parse tree (JSON): every `{ NodeType: {...} }` node, and the last name part of every call. */
function collect(
  value: unknown,
  nodes: { type: string; node: Record<string, unknown> }[],
  calls: Set<string>,
) {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, nodes, calls);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    if (/^[A-Z]/.test(key) && child !== null && typeof child === "object" && !Array.isArray(child)) {
      nodes.push({ type: key, node: child as Record<string, unknown> });
      if (key === "FuncCall") {
        const parts = (child as { funcname?: { String?: { sval?: string } }[] }).funcname ?? [];
        const name = parts.at(-1)?.String?.sval;
        if (name) calls.add(name.toLowerCase());
      }
    }
    collect(child, nodes, calls);
  }
}

function fieldAt(node: Record<string, unknown>, path: string): unknown {
  let current: unknown = node;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
