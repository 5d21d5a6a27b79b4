import { type ChildService, spawnService } from "./child-service";
import { pipeWithPrefix } from "./line-prefixer";
import type { ServiceSpec } from "./service-plan";
import { waitForPort } from "./wait-for-port";
import { WORKER_READY_MARKER } from "./worker-ready";

export interface StartServiceOptions {
  env: Record<string, string | undefined>;
  prefix: string;
  write: (line: string) => void;
  timeoutMs: number;
  onCreated: (child: ChildService) => void;
}

/** Spawns a service and waits until it is usable: its port accepts connections, or it printed its ready line. */
export async function startService(spec: ServiceSpec, options: StartServiceOptions): Promise<ChildService> {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const forward = (line: string) => {
    if (line.includes(WORKER_READY_MARKER)) markReady();
    options.write(line);
  };
  const child = spawnService({
    name: spec.name,
    entry: spec.entry,
    env: options.env,
    stdout: (stream) => pipeWithPrefix(stream, options.prefix, forward),
    stderr: (stream) => pipeWithPrefix(stream, options.prefix, forward),
  });
  options.onCreated(child);
  const died = child.exited.then((exit) => {
    throw new Error(
      `${spec.name} exited during start-up (${exit.signal ?? `code ${exit.code}`}); its output is above`,
    );
  });
  // Only one of the two ever settles in the normal case; keep the other from being an unhandled rejection.
  died.catch(() => {});
  if (spec.port !== undefined) {
    await waitForPort(spec.port, options.timeoutMs, died);
  } else {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${spec.name} was not ready within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
    });
    try {
      await Promise.race([ready, died, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
  return child;
}
