/**
 * Runs `load` on the first call and hands every later call the same promise, so what only some requests
 * need (a generated OpenAPI document, a page renderer) costs nothing at a cold start that never asks for
 * it. A failed load is forgotten: the next call tries again instead of failing for the container's life.
 *
 * @example
 * const openApiDocument = loadOnce(() =>
 *   import("./openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
 * );
 * app.get("/openapi.json", async (c) => c.json(await openApiDocument()));
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
