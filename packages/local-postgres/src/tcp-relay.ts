import { connect, createServer, type Socket } from "node:net";

/**
 * Wires one accepted client to its upstream. `connectUpstream` opens the upstream connection (once; later
 * calls return the same socket).
 */
export type RelayConnectionHandler = (client: Socket, connectUpstream: () => Socket) => void;

/**
 * How long the relay waits for its upstream to accept a connection (default of `connectTimeoutMs`). A
 * loopback upstream accepts in well under a millisecond; one that never answers the SYN (a listener whose
 * queue is full, a host that drops packets) would otherwise hold the client for the kernel's SYN retries,
 * about two minutes on Linux. Longer than the services' own connect deadline (`connectTimeoutSeconds` of
 * `databaseConnection` in `@orders/settings`), so a client with a deadline of its own reports its own error
 * first; short enough that a client without one (psql, a raw socket) is let go in seconds.
 */
export const defaultRelayConnectTimeoutMs = 10_000;

/** The upstream did not accept the relay's connection within the connect deadline. */
export class UpstreamConnectTimeoutError extends Error {
  override name = "UpstreamConnectTimeoutError";
  readonly code = "ETIMEDOUT";
  constructor(upstream: { host: string; port: number }, timeoutMs: number) {
    super(
      `the relay's upstream ${upstream.host}:${upstream.port} did not accept a connection within ` +
        `${timeoutMs} ms: closed the client`,
    );
  }
}

export interface StartTcpRelayOptions {
  /** Where every accepted connection is forwarded. */
  upstream: { host: string; port: number };
  /** Port on 127.0.0.1 to listen on (default: an ephemeral one). */
  port?: number;
  /**
   * How long an upstream connection may take to open before it is given up and its client closed (default
   * {@link defaultRelayConnectTimeoutMs}).
   */
  connectTimeoutMs?: number;
  /**
   * Told why an upstream connection failed (an {@link UpstreamConnectTimeoutError}, a refused connection, a
   * reset) before its client is closed: a relay speaks no protocol, so this is where the reason is seen.
   */
  onUpstreamError?: (error: Error) => void;
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
 * 127.0.0.1, opens one upstream connection per client within a connect deadline (else closes the client and
 * tells `onUpstreamError` why), and keeps Nagle's algorithm off on both sockets.
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
  const connectTimeoutMs = options.connectTimeoutMs ?? defaultRelayConnectTimeoutMs;
  if (!Number.isFinite(connectTimeoutMs) || connectTimeoutMs <= 0) {
    throw new RangeError(
      `connectTimeoutMs must be a positive number of milliseconds, got ${connectTimeoutMs}`,
    );
  }
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
    // A connection still opening has nothing to deliver: destroyed, so it does not outlive its client.
    client.on("close", () => (upstream?.connecting ? upstream.destroy() : upstream?.end()));
    const connectUpstream = () => {
      if (upstream) return upstream;
      const opened = connect({ ...options.upstream, noDelay: true });
      upstream = opened;
      track(opened);
      const deadline = setTimeout(
        () => opened.destroy(new UpstreamConnectTimeoutError(options.upstream, connectTimeoutMs)),
        connectTimeoutMs,
      );
      opened.once("connect", () => clearTimeout(deadline));
      opened.once("close", () => clearTimeout(deadline));
      opened.on("error", (error) => {
        options.onUpstreamError?.(error);
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
