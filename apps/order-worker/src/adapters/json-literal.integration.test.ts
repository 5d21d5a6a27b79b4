import { createTestDatabase, type TestDatabase } from "@orders/db/testing";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { jsonLiteral } from "./json-literal";

let database: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase("worker-json");
  sql = postgres(database.serviceUrl("worker"), { max: 1, prepare: false, onnotice: () => {} });
});

afterAll(async () => {
  await sql.end();
  await database.drop();
});

it("carries any text to the server unchanged, whatever quotes or dollar tags it holds", async () => {
  const nasty = [
    "plain",
    'it\'s "quoted" \\ back\\slashed',
    "$json$ closes the default tag",
    "$$ and $json_$ and $1",
    "'); drop table orders; --",
    "emoji 🛒 and accents é ü",
    "line\nbreak\ttab",
  ];
  const value = { nasty, nested: { n: 42, flag: true, none: null } };
  const [row] = await sql.unsafe<{ doc: unknown }[]>(`select ${jsonLiteral(value)} as doc`);
  expect(row?.doc).toEqual(value);
  expect(jsonLiteral(nasty[2])).not.toMatch(/^\$json\$/);
});

it("is refused by the server, not truncated, for text jsonb cannot hold", async () => {
  await expect(sql.unsafe(`select ${jsonLiteral("nul \u0000 byte")}`)).rejects.toMatchObject({
    code: "22P05",
  });
});
