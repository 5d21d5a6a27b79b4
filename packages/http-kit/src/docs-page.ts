import { html } from "hono/html";
import { docsAssetPath, docsPageFiles, docsScriptFile } from "./docs-page-files";
import { type DocumentedProblemKind, problemAnchor } from "./problem-kind";

/** What the page shows before Swagger UI draws the document. */
export interface DocsPageInfo {
  title: string;
  version: string;
}

/**
 * A service's reference: Swagger UI on its `/openapi.json` (every operation, with "Authorize" for a bearer
 * token and "Try it out" against this service), then its catalogue of problem kinds, rendered here on the
 * server with one anchor per kind, which every problem's `type` URI names, so those links work with or
 * without script.
 */
export function renderDocsPage(info: DocsPageInfo, problemKinds: readonly DocumentedProblemKind[]) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${info.title} ${info.version}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${docsAssetPath(docsPageFiles.swaggerUiStyles.file)}">
</head>
<body>
<div id="swagger-ui"><noscript><p>The interactive reference needs JavaScript; the document itself is at
<a href="/openapi.json">/openapi.json</a>.</p></noscript></div>
<section id="problem-types" class="swagger-ui"><div class="wrapper">
<h2>Problem types</h2>
<p>Errors are <code>application/problem+json</code> (RFC 9457); every response carries <code>X-Request-Id</code>.
The <code>type</code> of every error response points at one of these.</p>
${problemKinds.map(
  (kind) =>
    html`<h3 id="${problemAnchor(kind)}">${kind.slug} <small>(${kind.status})</small></h3><p><strong>${kind.title}.</strong> ${kind.advice}</p>`,
)}
</div></section>
<script src="${docsAssetPath(docsPageFiles.swaggerUiScript.file)}"></script>
<script src="${docsAssetPath(docsScriptFile)}"></script>
</body>
</html>`;
}
