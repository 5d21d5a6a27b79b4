import { AsyncLocalStorage } from "node:async_hooks";

/**
 * An error nothing caught, raised by a worker container's own work (its handler, or a timer or socket
 * callback that work scheduled). In Lambda it ends that container and fails its invocation; here the run
 * counts it, and the invocation is left to the mapping's timeout.
 */
export class ContainerCrash extends Error {
  constructor(
    readonly container: number,
    /** Whether PostgreSQL had been restarted when it happened: before that, no driver error is expected. */
    readonly afterRestart: boolean,
    cause: unknown,
  ) {
    super(
      `worker container ${container} crashed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = "ContainerCrash";
  }
}

export interface ContainerCrashes {
  /** Runs `work` as container `n`'s: what it schedules stays attributed to `n`, however late it throws. */
  within<T>(container: number, work: () => T): T;
  /** Marks the PostgreSQL restart: later crashes are counted as the restart's. */
  restarted(): void;
  crashes(): readonly ContainerCrash[];
  /** Stops watching: an uncaught error is the process's again. */
  stop(): void;
}

/**
 * Watches the process for uncaught errors and tells a worker container's crash from anything else by where it
 * came from (the container's async context), not by its text. postgres.js can throw from a timer
 * (`socket.write` on a socket already gone) when the server restarts under it: that is a container crash. An
 * uncaught error from anywhere else is a fault of the run itself: it is printed and ends the process, as
 * Node would.
 */
export function watchContainerCrashes(): ContainerCrashes {
  const scope = new AsyncLocalStorage<number>();
  const crashes: ContainerCrash[] = [];
  let afterRestart = false;
  const onUncaught = (error: unknown) => {
    // Node runs this handler in the async context of the callback that threw.
    const container = scope.getStore();
    if (container !== undefined) {
      crashes.push(new ContainerCrash(container, afterRestart, error));
      return;
    }
    console.error(error);
    process.exit(1);
  };
  process.on("uncaughtException", onUncaught);
  return {
    within: (container, work) => scope.run(container, work),
    restarted: () => {
      afterRestart = true;
    },
    crashes: () => crashes,
    stop: () => {
      process.off("uncaughtException", onUncaught);
    },
  };
}
