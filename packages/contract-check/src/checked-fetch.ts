import type { Contract } from "./contract";

/** A fetch handler with whatever else it takes after the request (a Hono app's bindings and context). */
export type FetchHandler<Rest extends unknown[]> = (
  request: Request,
  ...rest: Rest
) => Response | Promise<Response>;

/**
 * `fetch` held to `contract`: every exchange is checked, and one that breaks the document rejects with a
 * {@link ContractViolation} naming the operation and what broke, so the test that made it fails there.
 *
 * @example
 * const gateway = checkedFetch(idp.behindAuthorizer(app.fetch, "api"), contract);
 */
export function checkedFetch<Rest extends unknown[]>(
  fetch: FetchHandler<Rest>,
  contract: Contract,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    // The handler reads the body: the check reads a copy taken before.
    const sent = request.clone();
    const response = await fetch(request, ...rest);
    await contract.assert(sent, response.clone());
    return response;
  };
}

/**
 * The app, its `fetch` held to `contract` (see {@link checkedFetch}). Hono's `app.request()` and the Lambda
 * and Node adapters all answer through `app.fetch`, so every way a test reaches the app is checked.
 *
 * @example
 * const app = holdToContract(createApp(deps), contract);
 * await app.request("/orders/not-a-uuid"); // rejects if the 400 breaks the document
 */
export function holdToContract<App extends { fetch: FetchHandler<never[]> }>(
  app: App,
  contract: Contract,
): App {
  app.fetch = checkedFetch(app.fetch as FetchHandler<unknown[]>, contract) as App["fetch"];
  return app;
}
