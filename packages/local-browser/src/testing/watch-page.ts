import type { Page } from "playwright-core";

/** What went wrong on a page while a test drove it; both lists stay empty on a page that behaves. */
export interface PageWatch {
  /** Console errors and warnings, uncaught exceptions, Content-Security-Policy violations, and (when asked) answers of 400 or more. */
  problems: string[];
  /** Requests to any origin other than the one the page is served from. */
  foreignRequests: string[];
}

/**
 * Watches a page from before its first script runs. A CSP violation is logged to the console by an init
 * script, because the browser only reports it as an event on the document; anything the page's policy blocks
 * (an inline script or style, another origin) is a problem.
 */
export async function watchPage(
  page: Page,
  origin: string,
  options: { failedResponses?: boolean } = {},
): Promise<PageWatch> {
  const watch: PageWatch = { problems: [], foreignRequests: [] };
  await page.addInitScript({
    content: `document.addEventListener("securitypolicyviolation", (event) =>
      console.error("CSP blocked " + event.effectiveDirective + ": " + event.blockedURI));`,
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") watch.problems.push(message.text());
  });
  page.on("pageerror", (error) => watch.problems.push(error.message));
  if (options.failedResponses) {
    page.on("response", (response) => {
      if (response.status() >= 400) watch.problems.push(`${response.status()} ${response.url()}`);
    });
  }
  page.on("request", (request) => {
    if (!request.url().startsWith(origin)) watch.foreignRequests.push(request.url());
  });
  return watch;
}
