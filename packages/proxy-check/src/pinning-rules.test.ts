import { beforeAll, describe, expect, it } from "vitest";
import { classifyParse, classifyStatement, loadStatementParser } from "./classify-statement";
import { maxStatementTextBytes, pinningRules } from "./pinning-rules";

beforeAll(loadStatementParser);

/** Per rule: statements that must pin by it, and look-alikes that must not pin at all. */
const cases: Record<string, { fires: string[]; lookAlikes: string[] }> = {
  "session-set": {
    fires: ["set statement_timeout = 5000", "SET search_path TO app", "reset work_mem", "reset all"],
    lookAlikes: [
      "set local statement_timeout = 5000",
      "select 'set statement_timeout = 5000'",
      "update products set stock = stock - 1 where sku = 'A'",
      "select 1 as set_x",
    ],
  },
  "set-config": {
    fires: ["select set_config('app.user', 'x', false)", "select pg_catalog.set_config('a', 'b', true)"],
    lookAlikes: ["select current_setting('app.user', true)", "select 'set_config(1)'"],
  },
  "prepared-statement": {
    fires: ["prepare q(int) as select $1", "execute q(1)", "deallocate q", "deallocate all"],
    lookAlikes: ["select 'prepare q as select 1'", "select $1::int", "grant execute on function f() to r"],
  },
  "named-parse": { fires: [], lookAlikes: [] },
  discard: {
    fires: ["discard all", "discard plans"],
    lookAlikes: ["select 'discard all'", "select discard from t"],
  },
  "temporary-object": {
    fires: [
      "create temp table t (x int)",
      "create temporary table t as select 1",
      "create temp sequence s",
      "create temp view v as select 1",
      "select 1 as x into temp t",
    ],
    lookAlikes: ["create table t (x int)", "create view v as select 1", "select * from temp_table"],
  },
  cursor: {
    fires: ["declare c cursor for select 1", "declare c cursor with hold for select 1"],
    lookAlikes: ["select 'declare c cursor for select 1'", "select * from cursor_positions"],
  },
  listen: { fires: ["listen orders"], lookAlikes: ["notify orders", "select pg_notify('orders', 'x')"] },
  load: { fires: ["load 'auto_explain'"], lookAlikes: ["select 'load'", "select load from t"] },
  "sequence-function": {
    fires: ["select nextval('s')", "select setval('s', 1)", "select currval('s')", "select lastval()"],
    lookAlikes: [
      "select 'nextval(s)'",
      "create table t (id int generated always as identity)",
      "select next_val",
    ],
  },
  "advisory-lock": {
    fires: [
      "select pg_advisory_xact_lock(7306120001::bigint)",
      "select pg_try_advisory_lock(1)",
      "select pg_catalog.pg_advisory_unlock_all()",
    ],
    lookAlikes: [
      "select * from rollup_state for update",
      "select 'pg_advisory_lock(1)'",
      "select locktype from pg_locks where locktype = 'advisory'",
    ],
  },
  "statement-size": {
    fires: [`select '${"x".repeat(maxStatementTextBytes)}'`],
    lookAlikes: [`select '${"x".repeat(maxStatementTextBytes - 20)}'`],
  },
};

describe("pinning rules", () => {
  it("has a firing case and look-alikes for every rule (named Parse: below)", () => {
    expect(Object.keys(cases).sort()).toEqual(pinningRules.map((r) => r.id).sort());
  });

  for (const rule of pinningRules) {
    const { fires, lookAlikes } = cases[rule.id] ?? { fires: [], lookAlikes: [] };
    for (const text of fires)
      it(`${rule.id} fires on ${text.slice(0, 60)}`, () => {
        expect(classifyStatement(text).map((r) => r.rule)).toContain(rule.id);
      });
    for (const text of lookAlikes)
      it(`${rule.id}: the look-alike ${text.slice(0, 60)} does not pin`, () => {
        expect(classifyStatement(text)).toEqual([]);
      });
  }

  it("named-parse fires on a named Parse and not on the unnamed one", () => {
    expect(classifyParse("s1").map((r) => r.rule)).toEqual(["named-parse"]);
    expect(classifyParse("")).toEqual([]);
  });

  it("names, for every rule judged by the parser, words without which it cannot fire", () => {
    for (const rule of pinningRules.filter((r) => r.statements || r.functions)) {
      expect(rule.keywords?.length, rule.id).toBeGreaterThan(0);
      for (const text of cases[rule.id]?.fires ?? [])
        expect(
          rule.keywords?.some((word) => text.toLowerCase().includes(word)),
          text,
        ).toBe(true);
    }
  });

  it("judges every statement of a multi-statement query", () => {
    expect(classifyStatement("select 1; set work_mem = '1MB'; select 2").map((r) => r.rule)).toEqual([
      "session-set",
    ]);
  });

  it("counts bytes, not characters, against the size limit", () => {
    const text = `select '${"é".repeat(maxStatementTextBytes / 2)}'`;
    expect(text.length).toBeLessThan(maxStatementTextBytes);
    expect(classifyStatement(text).map((r) => r.rule)).toEqual(["statement-size"]);
  });
});
