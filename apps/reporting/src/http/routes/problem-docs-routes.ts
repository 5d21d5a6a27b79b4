import { DOCS_PAGE_CSP, problemAnchor } from "@orders/http-problem";
import type { Hono } from "hono";
import { html } from "hono/html";
import { problemKinds } from "../report-errors";

const page = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Orders reporting API: problem types</title></head>
<body>
<h1>Problem types</h1>
<p>Errors are <code>application/problem+json</code> (RFC 9457); the <code>type</code> of every error response
points here. The reports themselves are described in <a href="/openapi.json">/openapi.json</a>.</p>
${Object.values(problemKinds).map(
  (kind) =>
    html`<h2 id="${problemAnchor(kind)}">${kind.slug} <small>(${kind.status})</small></h2><p><strong>${kind.title}.</strong> ${kind.advice}</p>`,
)}
</body>
</html>`;

/**
 * `GET /docs`: one anchor per problem kind, so a problem's `type` URI (`/docs#problem-<slug>`, the scheme
 * shared with the orders API) resolves to its documentation. Not API, hence not in the OpenAPI document.
 */
export function registerProblemDocsRoutes(app: Hono): void {
  app.get("/docs", (c) => {
    c.header("Content-Security-Policy", DOCS_PAGE_CSP);
    return c.html(page);
  });
}
