import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { buildDocument, writeDocument } from "./document-file";

const info = { openapi: "3.1.0", info: { title: "Test API", version: "1.0.0" } };
const routes = [
  createRoute({
    method: "get",
    path: "/health",
    responses: {
      200: {
        description: "Alive",
        content: { "application/json": { schema: z.object({ status: z.literal("ok") }).openapi("Health") } },
      },
    },
  }),
];

describe("buildDocument", () => {
  it("describes the routes given, with their named schemas as components", () => {
    const document = buildDocument(info, routes);
    expect(document.info.title).toBe("Test API");
    expect(Object.keys(document.paths ?? {})).toEqual(["/health"]);
    expect(document.components?.schemas).toHaveProperty("Health");
  });
});

describe("writeDocument", () => {
  it("writes the document with its key order, as two-space JSON ending in a newline", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openapi-"));
    try {
      const document = buildDocument(info, routes);
      const file = pathToFileURL(join(dir, "openapi.json"));
      await writeDocument(file, document);
      const text = await readFile(file, "utf8");
      expect(text).toBe(`${JSON.stringify(document, null, 2)}\n`);
      expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(document));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
