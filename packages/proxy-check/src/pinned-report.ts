import type { RelaySession } from "./pinning-relay";

/** Longest statement excerpt a report prints (a 40 KB statement helps nobody in a terminal). */
const excerptChars = 300;

/**
 * How many of the sessions would have pinned at RDS Proxy, each with its role, application (tests: the test
 * file), the rules it broke and the statement that pinned it.
 */
export function formatPinnedSessions(sessions: readonly RelaySession[]): string {
  const pinned = sessions.filter((s) => s.pinnedBy);
  const head = `${pinned.length} of ${sessions.length} sessions would have pinned at RDS Proxy`;
  if (pinned.length === 0) return `${head}.`;
  const lines = pinned.map((s) => {
    const by = s.pinnedBy as NonNullable<RelaySession["pinnedBy"]>;
    const text = by.statement.replace(/\s+/g, " ").trim();
    const bytes = Buffer.byteLength(by.statement);
    const excerpt = text.length > excerptChars ? `${text.slice(0, excerptChars)}… (${bytes} bytes)` : text;
    return (
      `  - session ${s.id}, ${s.user} (${s.label || s.applicationName || "unlabelled"}) on ${s.database}: ` +
      `${by.reasons.map((r) => r.condition).join("; ")}\n      ${excerpt}`
    );
  });
  return `${head}:\n${lines.join("\n")}`;
}
