import { proxyMaxStatementTextBytes } from "@orders/settings";

/**
 * What makes RDS Proxy pin a PostgreSQL client session to one database connection, as data.
 *
 * Source: AWS, "Avoiding pinning an RDS Proxy", Amazon RDS User Guide,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-pinning.html (the PostgreSQL conditions,
 * and the statement-size condition that applies to every engine). The proxy judges what the client sends,
 * not what the statement would do: an advisory lock pins whatever its scope, and a statement pins on its
 * text size alone.
 *
 * Each rule names a statement node of PostgreSQL's own parser (`statements`), a function called anywhere in a
 * statement (`functions`), a protocol message (`namedParse`) or a size (`maxTextBytes`).
 */
export interface PinningRule {
  id: string;
  /**
   * Words (lower case) of which the statement text must contain at least one for the rule to fire: a cheap
   * test that spares the parser the statements no rule could match.
   */
  keywords?: readonly string[];
  /** The condition in AWS's words. */
  condition: string;
  /** Parse-tree node types that pin; `unless` lists a node field whose truthy value makes it safe. */
  statements?: readonly { node: string; unless?: string; onlyIf?: { field: string; equals: unknown } }[];
  /** Function names (schema-qualified or not) that pin when called anywhere in the text. */
  functions?: readonly string[];
  /** A Parse message with a non-empty statement name (a server-side prepared statement). */
  namedParse?: true;
  /** Statement text over this many bytes pins. */
  maxTextBytes?: number;
}

/** 16 KB, the proxy's limit on the text of one statement (one definition, shared with the worker). */
export const maxStatementTextBytes = proxyMaxStatementTextBytes;

export const pinningRules: readonly PinningRule[] = [
  {
    id: "session-set",
    keywords: ["set"],
    condition: "SET / RESET of a session parameter",
    // `SET LOCAL` ends with its transaction, so it leaves nothing on the connection after COMMIT or
    // ROLLBACK; the transaction itself already holds the connection. A plain SET outlives the transaction.
    statements: [{ node: "VariableSetStmt", unless: "is_local" }],
  },
  {
    id: "set-config",
    keywords: ["set_config"],
    condition: "set_config()",
    functions: ["set_config"],
  },
  {
    id: "prepared-statement",
    keywords: ["prepare", "execute", "deallocate"],
    condition: "PREPARE, EXECUTE, DEALLOCATE",
    statements: [{ node: "PrepareStmt" }, { node: "ExecuteStmt" }, { node: "DeallocateStmt" }],
  },
  {
    id: "named-parse",
    condition: "a prepared statement through the extended protocol (Parse with a statement name)",
    namedParse: true,
  },
  {
    id: "discard",
    keywords: ["discard"],
    condition: "DISCARD",
    statements: [{ node: "DiscardStmt" }],
  },
  {
    id: "temporary-object",
    keywords: ["temp"],
    condition: "temporary tables, sequences or views",
    statements: [
      { node: "CreateStmt", onlyIf: { field: "relation.relpersistence", equals: "t" } },
      { node: "CreateTableAsStmt", onlyIf: { field: "into.rel.relpersistence", equals: "t" } },
      { node: "CreateSeqStmt", onlyIf: { field: "sequence.relpersistence", equals: "t" } },
      { node: "ViewStmt", onlyIf: { field: "view.relpersistence", equals: "t" } },
      { node: "SelectStmt", onlyIf: { field: "intoClause.rel.relpersistence", equals: "t" } },
    ],
  },
  {
    id: "cursor",
    keywords: ["cursor"],
    condition: "DECLARE ... CURSOR",
    statements: [{ node: "DeclareCursorStmt" }],
  },
  {
    id: "listen",
    keywords: ["listen"],
    condition: "LISTEN",
    statements: [{ node: "ListenStmt" }],
  },
  {
    id: "load",
    keywords: ["load"],
    condition: "LOAD",
    statements: [{ node: "LoadStmt" }],
  },
  {
    id: "sequence-function",
    keywords: ["nextval", "setval", "currval", "lastval"],
    condition: "sequence functions (nextval, setval, currval, lastval)",
    functions: ["nextval", "setval", "currval", "lastval"],
  },
  {
    id: "advisory-lock",
    keywords: ["advisory"],
    condition: "advisory lock functions (pg_advisory_lock and the others, any scope)",
    functions: [
      "pg_advisory_lock",
      "pg_advisory_lock_shared",
      "pg_advisory_unlock",
      "pg_advisory_unlock_shared",
      "pg_advisory_unlock_all",
      "pg_advisory_xact_lock",
      "pg_advisory_xact_lock_shared",
      "pg_try_advisory_lock",
      "pg_try_advisory_lock_shared",
      "pg_try_advisory_xact_lock",
      "pg_try_advisory_xact_lock_shared",
    ],
  },
  {
    id: "statement-size",
    condition: "statement text over 16 KB",
    maxTextBytes: maxStatementTextBytes,
  },
];
