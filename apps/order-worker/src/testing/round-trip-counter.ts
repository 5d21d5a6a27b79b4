import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";

export interface RoundTripCounter {
  /** Port to connect to instead of the database's. */
  port: number;
  /** Client → server turns since the last reset, over every relayed connection. */
  roundTrips(): number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of PostgreSQL that counts network round trips: each time the client speaks after the
 * server has answered is one. Counting on the wire (not per driver call) also catches round trips a driver
 * makes on its own, such as postgres.js describing a parameterised statement before executing it.
 * Hand-written because it is a measuring instrument of a dozen lines, not a product feature.
 */
export async function startRoundTripCounter(target: {
  host: string;
  port: number;
}): Promise<RoundTripCounter> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    let serverSpokeLast = true;
    client.on("data", (chunk) => {
      if (serverSpokeLast) count++;
      serverSpokeLast = false;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      serverSpokeLast = true;
      client.write(chunk);
    });
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a);
      a.on("close", () => {
        sockets.delete(a);
        b.end();
      });
      a.on("error", () => b.destroy());
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    roundTrips: () => count,
    reset: () => {
      count = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
