import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { arrayLiteral } from "./sql-literal";

let database: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase("worker-literal");
  sql = postgres(database.serviceUrl("worker"), { max: 1, prepare: false, onnotice: () => {} });
});

afterAll(async () => {
  await sql.end();
  await database.drop();
});

const nasty = [
  "plain",
  'it\'s "quoted" \\ back\\slashed',
  "$v$ closes the default tag",
  "$$ and $v_$ and $1",
  "'); drop table orders; --",
  "emoji 🛒 and accents é ü",
  "line\nbreak\ttab",
  "{braces}, commas, and NULL",
  "NULL",
  "",
  "  leading and trailing spaces  ",
];

it("carries any text to the server unchanged, element by element, in an array literal", async () => {
  const [row] = await sql.unsafe<{ values: string[]; n: number }[]>(
    `select a as values, cardinality(a) as n from (select ${arrayLiteral(nasty, "text")} as a) s`,
  );
  expect(row?.values).toEqual(nasty);
  expect(row?.n).toBe(nasty.length);
  // The default dollar tag occurs in the data, so another one is chosen.
  expect(arrayLiteral([nasty[2] as string], "text")).not.toMatch(/^\$v\$/);
});

it("types the elements: uuid, int and timestamptz arrays arrive as those types", async () => {
  const id = "0b8f3a9e-4a6e-4f57-9a5c-2f1d2c3b4a59";
  const [row] = await sql.unsafe<{ ids: string; ints: string; at: Date }[]>(
    `select (${arrayLiteral([id], "uuid")})[1]::text as ids,
            (${arrayLiteral([1, 20, 300], "int")})[3] + 1 as ints,
            (${arrayLiteral(["2026-11-28T10:00:00.000Z"], "timestamptz")})[1] as at`,
  );
  expect(row).toEqual({ ids: id, ints: 301, at: new Date("2026-11-28T10:00:00.000Z") });
  expect(arrayLiteral([], "int")).toMatch(/^\$v\$\{\}\$v\$::int\[\]$/);
});

it("is refused by the server, not truncated, for values the type cannot hold", async () => {
  await expect(sql.unsafe(`select ${arrayLiteral(["not-a-uuid"], "uuid")}`)).rejects.toMatchObject({
    code: "22P02",
  });
  expect(() => arrayLiteral(["ok", "lone \uD800 surrogate"], "text")).toThrow(
    expect.objectContaining({ name: "UnstorableTextError", code: "22021" }),
  );
  expect(arrayLiteral(["paired 🛒 surrogates"], "text")).toContain("🛒");
  expect(() => arrayLiteral(["ok", "nul \u0000 byte"], "text")).toThrow(
    expect.objectContaining({ name: "UnstorableTextError", code: "22021" }),
  );
});
