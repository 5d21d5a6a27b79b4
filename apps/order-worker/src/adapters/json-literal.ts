import { randomBytes } from "node:crypto";

/**
 * A value as a `jsonb` SQL literal, for statements sent without bind parameters.
 *
 * Why not bind parameters: with prepared statements off (required behind RDS Proxy / PgBouncer in
 * transaction mode), postgres.js sends every parameterised statement in two round trips (it asks the server
 * for the parameter types first) and cannot pipeline it. A parameterless statement goes out in one message,
 * and several statements can share it (simple query protocol).
 *
 * Why this is safe: the JSON text is wrapped in dollar quotes whose tag does not occur in the text, and the
 * server takes dollar-quoted text literally (no escapes of any kind), so data can never end the literal.
 * Text that jsonb cannot hold (`\u0000`) makes the statement fail: a permanent error the caller isolates.
 */
export function jsonLiteral(value: unknown): string {
  const json = JSON.stringify(value);
  let tag = "$json$";
  while (json.includes(tag)) tag = `$json_${randomBytes(6).toString("hex")}$`;
  return `${tag}${json}${tag}::jsonb`;
}
