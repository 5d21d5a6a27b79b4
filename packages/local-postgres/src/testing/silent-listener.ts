import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { Worker } from "node:worker_threads";

/**
 * A real listener on loopback that never answers a SYN: it listens with a backlog of one and never accepts
 * (its thread sleeps), and its accept queue is filled first, so Linux drops every further SYN, as a
 * server too busy to accept or a host behind a dropping firewall looks from outside.
 */
export async function silentListener(): Promise<{ port: number; close(): Promise<void> }> {
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData, parentPort } = require("node:worker_threads");
     const server = require("node:net").createServer();
     server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       // The thread sleeps until woken: its event loop never runs, so nothing accepts.
       setImmediate(() => { Atomics.wait(workerData, 0, 0); server.close(); });
     });`,
    { eval: true, workerData: wake },
  );
  const [port] = (await once(worker, "message")) as [number];
  const fillers: Socket[] = [];
  const close = async () => {
    for (const socket of fillers) socket.destroy();
    Atomics.store(wake, 0, 1);
    Atomics.notify(wake, 0);
    await worker.terminate();
  };
  // Fill the accept queue: connections complete until it is full, then a SYN goes unanswered.
  for (;;) {
    const socket = connect({ host: "127.0.0.1", port });
    fillers.push(socket);
    const connected = await Promise.race([
      once(socket, "connect").then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 500)),
    ]);
    if (!connected) break;
    if (fillers.length > 64) {
      await close();
      throw new Error("the listener's accept queue never filled: no silent upstream on this system");
    }
  }
  return { port, close };
}
