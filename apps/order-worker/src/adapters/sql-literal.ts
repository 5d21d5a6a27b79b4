import { randomBytes } from "node:crypto";

/**
 * Values as SQL literals, for statements sent without bind parameters.
 *
 * Why not bind parameters: with prepared statements off (required behind RDS Proxy / PgBouncer in
 * transaction mode), postgres.js sends every parameterised statement in two round trips (it asks the server
 * for the parameter types first). A parameterless statement goes out in one message.
 *
 * Why this is safe: the text is wrapped in dollar quotes whose tag does not occur in it, and the server takes
 * dollar-quoted text literally (no escapes of any kind), so data can never end the literal; the cast then
 * parses it as the declared type, or fails: a permanent error the caller isolates.
 */
function dollarQuoted(text: string): string {
  let tag = "$v$";
  while (text.includes(tag)) tag = `$v_${randomBytes(6).toString("hex")}$`;
  return `${tag}${text}${tag}`;
}

/** PostgreSQL element types the array literals are used for. */
export type ArrayElementType = "uuid" | "text" | "int" | "timestamptz";

/**
 * Values as a one-dimensional PostgreSQL array literal of `type` (e.g. `uuid[]`). Every element is written
 * double-quoted with `\` and `"` escaped, the array input syntax that holds any text (commas, braces, quotes,
 * spaces, the word NULL) unchanged. No NULL elements: callers pass only present values.
 */
export function arrayLiteral(values: readonly (string | number)[], type: ArrayElementType): string {
  return `${dollarQuoted(arrayText(values))}::${type}[]`;
}

/**
 * The same array in PostgreSQL's array input syntax, unquoted (`{"a","b"}`): the value of a bind parameter
 * declared as an array type.
 */
export function arrayText(values: readonly (string | number)[]): string {
  if (
    values.some((value) => typeof value === "string" && (value.includes("\u0000") || !value.isWellFormed()))
  ) {
    throw new UnstorableTextError();
  }
  const elements = values.map((value) => `"${String(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`);
  return `{${elements.join(",")}}`;
}

/**
 * Text PostgreSQL cannot store as sent. It has no NUL character, and a raw NUL in a query would break the wire
 * protocol (the server answers with a protocol error, which reads like a lost connection). A lone UTF-16
 * surrogate has no UTF-8 form: the driver would silently send U+FFFD instead, storing other text than was
 * ordered. Both are refused here with the SQLSTATE the server gives untranslatable text (22021): a permanent
 * error, which the worker isolates to the message carrying it.
 */
export class UnstorableTextError extends Error {
  override name = "UnstorableTextError";
  readonly code = "22021";
  constructor() {
    super("text with a NUL character or a lone surrogate cannot be stored in PostgreSQL");
  }
}
