/**
 * The `/docs` page's own script, served as `/docs/assets/docs.js` so the page's Content-Security-Policy
 * allows no inline script. It starts Swagger UI on the service's `/openapi.json`:
 * - no `servers` in the documents, so "Try it out" sends to the origin that served the page (the CSP's
 *   `connect-src 'self'` holds every request to it);
 * - `validatorUrl: null`: Swagger UI would otherwise ask swagger.io to validate the document;
 * - the bearer token a reader pastes under "Authorize" stays in the page's memory (not persisted);
 * - the problem types are server-rendered below the UI, which draws after the browser's own jump to a
 *   `#problem-…` anchor; a browser without CSS scroll anchoring (Safari) would leave the reader above it,
 *   so the script jumps there again once the UI is drawn.
 */
export const docsScript = `"use strict";
(function () {
  function showProblemAnchor() {
    if (!/^#problem-[a-z0-9-]+$/.test(location.hash)) return;
    var target = document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    persistAuthorization: false,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    onComplete: showProblemAnchor,
  });
})();
`;
