import type { SqsLambdaHandler } from "./event-source-mapping";

export interface LambdaContainerPool {
  handler: SqsLambdaHandler;
  /** Containers created so far (each one a cold start). */
  containers(): number;
}

/**
 * Gives every concurrent invocation a handler of its own, the way Lambda gives each one its own container:
 * a free warm container if there is one, otherwise a new one (cold start). Module-scope state of the
 * handler (its database client, with one connection) then exists once per container, so locally the worker
 * holds at most one connection per concurrent batch, as in AWS, instead of all batches sharing one.
 *
 * `load(n)` creates container `n`, e.g. by importing the handler module under a distinct URL
 * (`lambda.ts?container=n`), which makes the module, and its module-scope state, evaluate again.
 */
export function lambdaContainerPool(
  load: (container: number) => Promise<SqsLambdaHandler>,
): LambdaContainerPool {
  const warm: SqsLambdaHandler[] = [];
  let created = 0;
  return {
    containers: () => created,
    handler: async (event, context) => {
      const handler = warm.pop() ?? (await load(created++));
      try {
        return await handler(event, context);
      } finally {
        warm.push(handler);
      }
    },
  };
}
