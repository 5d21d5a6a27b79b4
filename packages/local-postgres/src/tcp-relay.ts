import { connect, createServer, type Socket } from "node:net";

/**
 * Wires one accepted client to its upstream. `connectUpstream` opens the upstream connection (once; later
 * calls return the same socket).
 */
export type RelayConnectionHandler = (client: Socket, connectUpstream: () => Socket) => void;

export interface StartTcpRelayOptions {
  /** Where every accepted connection is forwarded. */
  upstream: { host: string; port: number };
  /** Port on 127.0.0.1 to listen on (default: an ephemeral one). */
  port?: number;
  /**
   * What the relay does with each client (default: connect upstream at once and pipe both ways). Closing is
   * handled here: when one side closes the other is ended, when one side fails both are destroyed.
   */
  onConnection?: RelayConnectionHandler;
}

export interface TcpRelay {
  host: "127.0.0.1";
  port: number;
  /** Client connections currently open through the relay. */
  openConnections(): number;
  /** Destroys every connection and closes the listener. */
  stop(): Promise<void>;
}

/**
 * The one TCP relay the local tooling builds on (pinning check, freeze relay, round-trip counter): listens on
 * 127.0.0.1, opens one upstream connection per client, and keeps Nagle's algorithm off on both sockets.
 *
 * Nagle off matters for every relay in front of PostgreSQL: a relay forwards a reply as the chunks it
 * receives, and with Nagle on, the second small chunk waits for the client to acknowledge the first, which a
 * client waiting for the whole reply delays (Linux: 40 ms). A parameterised statement with postgres.js is two
 * such exchanges.
 *
 * @example
 * const relay = await startTcpRelay({ upstream: { host: "127.0.0.1", port: 5432 } });
 * // connect to 127.0.0.1:relay.port instead of :5432
 * await relay.stop();
 */
export async function startTcpRelay(options: StartTcpRelayOptions): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };

  const server = createServer({ noDelay: true }, (client) => {
    track(client);
    clients.add(client);
    client.once("close", () => clients.delete(client));
    let upstream: Socket | undefined;
    client.on("error", () => {
      client.destroy();
      upstream?.destroy();
    });
    client.on("close", () => upstream?.end());
    const connectUpstream = () => {
      if (upstream) return upstream;
      const opened = connect({ ...options.upstream, noDelay: true });
      upstream = opened;
      track(opened);
      opened.on("error", () => {
        opened.destroy();
        client.destroy();
      });
      // Ended, not destroyed: what the upstream wrote last (an error message before it hung up) still arrives.
      opened.on("close", () => client.end());
      if (client.destroyed) opened.destroy();
      return opened;
    };
    (options.onConnection ?? pipeBothWays)(client, connectUpstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the relay has no TCP address");

  return {
    host: "127.0.0.1",
    port: address.port,
    openConnections: () => [...clients].filter((client) => !client.destroyed).length,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function pipeBothWays(client: Socket, connectUpstream: () => Socket): void {
  const upstream = connectUpstream();
  client.pipe(upstream);
  upstream.pipe(client);
}
