import { connect, createServer } from "node:net";

/** Asks the OS for a TCP port that is free right now on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not determine a free port"));
      });
    });
  });
}

/**
 * True when something accepts TCP connections on 127.0.0.1:port right now. A listener that takes no
 * connection within `timeoutMs` (its accept queue full, its process stopped) counts as not listening, so a
 * probe never waits on the kernel's own connect timeout.
 */
export function isListening(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const settle = (listening: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(listening);
    };
    const timer = setTimeout(() => settle(false), timeoutMs);
    socket.once("connect", () => settle(true));
    socket.once("error", () => settle(false));
  });
}
