import type { OpenApiDocument } from "@orders/openapi";
import { html } from "hono/html";
import { type DocumentedProblemKind, problemAnchor } from "./problem-kind";

const methods = ["get", "post", "put", "patch", "delete"] as const;

/**
 * A service's reference as one self-contained HTML page, rendered on the server from its OpenAPI document
 * and its catalogue of problem kinds (one anchor per kind, which every problem's `type` URI names).
 * Written by hand on purpose: the packaged renderers (Swagger UI, Scalar, Redoc) load megabytes of script
 * from a CDN or need static assets shipped beside the Lambda bundle; this page has no script, no external
 * resource, works offline and costs nothing at cold start. The JSON document stays at /openapi.json for
 * any richer tool.
 */
export function renderDocsPage(doc: OpenApiDocument, problemKinds: readonly DocumentedProblemKind[]) {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} ${doc.info.version}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d232a}
h2{border-bottom:1px solid #ccd;padding-bottom:.2rem;margin-top:2.5rem}
section.op{border:1px solid #dde;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}
.get{color:#0a6}.post{color:#06c}
pre{background:#f5f6f8;padding:.6rem;overflow:auto;font-size:13px}
code{background:#f5f6f8;padding:0 .2rem}
table{border-collapse:collapse}td,th{border:1px solid #dde;padding:.2rem .5rem;text-align:left;vertical-align:top}
</style>
</head>
<body>
<h1>${doc.info.title} <small>${doc.info.version}</small></h1>
<p>${doc.info.description ?? ""}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${doc.openapi}).
Errors are <code>application/problem+json</code> (RFC 9457); every response carries <code>X-Request-Id</code>.</p>
<h2>Operations</h2>
<ul>${operations.map(
    ({ path, method, operation }) =>
      html`<li><a href="#op-${operation.operationId}"><span class="m ${method}">${method}</span>${path}</a> ${operation.summary ?? ""}</li>`,
  )}</ul>
${operations.map(
  ({ path, method, operation }) => html`<section class="op" id="op-${operation.operationId}">
<h3><span class="m ${method}">${method}</span> ${path}</h3>
<p><strong>${operation.summary ?? ""}</strong></p>
<p>${operation.description ?? ""}</p>
${
  operation.parameters?.length
    ? html`<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr>${operation.parameters.map(
        (p) =>
          "name" in p
            ? html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? "yes" : "no"}</td><td><code>${JSON.stringify(p.schema)}</code></td></tr>`
            : "",
      )}</table>`
    : ""
}
${
  operation.requestBody && "content" in operation.requestBody
    ? Object.entries(operation.requestBody.content).map(
        ([type, media]) =>
          html`<p>Body <code>${type}</code>:</p><pre>${JSON.stringify(media.schema, null, 2)}</pre>`,
      )
    : ""
}
<table><tr><th>Status</th><th>Meaning</th><th>Content</th></tr>${Object.entries(
    operation.responses ?? {},
  ).map(
    ([status, response]) =>
      html`<tr><td>${status}</td><td>${"description" in response ? response.description : ""}</td><td>${Object.entries(
        ("content" in response ? response.content : undefined) ?? {},
      ).map(([type, media]) => html`<code>${type}</code> ${schemaName(media)}`)}</td></tr>`,
  )}</table>
</section>`,
)}
<h2>Schemas</h2>
${Object.entries(doc.components?.schemas ?? {}).map(
  ([name, schema]) => html`<h3 id="schema-${name}">${name}</h3><pre>${JSON.stringify(schema, null, 2)}</pre>`,
)}
<h2>Problem types</h2>
<p>The <code>type</code> of every error response points here.</p>
${problemKinds.map(
  (type) =>
    html`<h3 id="${problemAnchor(type)}">${type.slug} <small>(${type.status})</small></h3><p><strong>${type.title}.</strong> ${type.advice}</p>`,
)}
</body>
</html>`;
}

/** Name of the component schema a media entry points at (`{ schema: { $ref } }`), for the responses table. */
function schemaName(media: unknown): string {
  const ref = (media as { schema?: { $ref?: string } } | undefined)?.schema?.$ref;
  return ref ? ref.replace("#/components/schemas/", "") : "";
}
