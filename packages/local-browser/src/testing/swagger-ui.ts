import type { Page } from "playwright-core";

/** Pastes a bearer token into Swagger UI's "Authorize" dialog, as a reader would. */
export async function authorizeInSwaggerUi(page: Page, token: string): Promise<void> {
  await page.click(".scheme-container button.authorize");
  await page.fill(".auth-container input[type=text], .auth-container input[type=password]", token);
  await page.click(".auth-btn-wrapper button.authorize");
  await page.click(".auth-btn-wrapper button.btn-done");
}

/** What Swagger UI shows after sending a request: the status and the body it printed. */
export interface ShownResponse {
  status: string;
  body: unknown;
}

/**
 * Opens a GET operation in Swagger UI, fills its parameters, presses "Execute" and reads the answer the page
 * shows (its status cell and the JSON it printed), the way a reader trying the API from the page would.
 */
export async function tryGetInSwaggerUi(
  page: Page,
  path: string,
  parameters: Record<string, string>,
): Promise<ShownResponse> {
  const operation = page.locator(".opblock-get", {
    has: page.locator(`.opblock-summary-path[data-path='${path}']`),
  });
  await operation.locator(".opblock-summary").click();
  for (const [name, value] of Object.entries(parameters)) {
    await operation.locator(`tr[data-param-name='${name}'] input`).fill(value);
  }
  await operation.locator("button.execute").click();
  const live = operation.locator(".live-responses-table .response");
  await live.waitFor({ timeout: 20_000 });
  const status = (await live.locator(".response-col_status").textContent())?.trim() ?? "";
  const printed = (await live.locator(".response-col_description pre").first().textContent()) ?? "";
  return { status, body: JSON.parse(printed) };
}
