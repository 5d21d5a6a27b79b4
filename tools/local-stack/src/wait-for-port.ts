import { isListening } from "@orders/local-postgres";

/** Waits until the port accepts connections; rejects on timeout or as soon as `gaveUp` settles. */
export async function waitForPort(port: number, timeoutMs: number, gaveUp: Promise<unknown>): Promise<void> {
  let stopped: unknown;
  gaveUp.then(
    (reason) => {
      stopped = reason ?? "stopped";
    },
    (error) => {
      stopped = error;
    },
  );
  const deadline = Date.now() + timeoutMs;
  while (!(await isListening(port))) {
    if (stopped !== undefined) throw stopped instanceof Error ? stopped : new Error(String(stopped));
    if (Date.now() > deadline) throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
