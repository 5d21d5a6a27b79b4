/**
 * Polls `condition` until it holds, for what tests cannot await directly (a queue emptied by a consumer,
 * a row written by another process). Fails with `timeoutMs` in the message, so a slow machine is told
 * apart from a wrong answer.
 *
 * @example
 * await waitUntil(async () => (await queueDepth(sqs, url)).visible === 0, 30_000);
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
