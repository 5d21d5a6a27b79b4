import type { Socket } from "node:net";
import { startTcpRelay } from "../tcp-relay";

/** A TCP relay that can go silent, as a frozen server or a partitioned network does. */
export interface FreezeRelay {
  /** Port on 127.0.0.1 to connect to instead of the upstream's. */
  port: number;
  /** Stops forwarding in both directions; nothing is closed, new connections are accepted and left waiting. */
  freeze(): void;
  /** Forwards again: what was held back is delivered, waiting connections reach the upstream. */
  thaw(): void;
  readonly frozen: boolean;
  /** Client connections currently open through the relay. */
  readonly openConnections: number;
  stop(): Promise<void>;
}

/**
 * Starts a relay from an ephemeral port on 127.0.0.1 to `upstream`, speaking no protocol of its own, so it
 * sits in front of PostgreSQL, PgBouncer or an HTTP emulator alike.
 *
 * Freezing pauses both sockets of every pair rather than dropping bytes or closing: the peers see what a
 * failover, a proxy waiting to borrow a connection or a partition looks like from outside — an open
 * connection on which nothing arrives. No operating-system tool does this to one connection without root
 * and firewall rules (SIGSTOP freezes the whole server, and every test sharing it), hence a relay.
 *
 * @example
 * const relay = await startFreezeRelay({ host: "127.0.0.1", port: 5432 });
 * relay.freeze(); // a client's query now hangs until its deadline
 * relay.thaw();
 */
export async function startFreezeRelay(upstream: { host: string; port: number }): Promise<FreezeRelay> {
  let frozen = false;
  const pairs = new Set<{ client: Socket; server?: Socket }>();
  const waiting: (() => void)[] = [];

  const connect = (pair: { client: Socket; server?: Socket }, connectUpstream: () => Socket) => {
    const server = connectUpstream();
    pair.server = server;
    pair.client.pipe(server);
    server.pipe(pair.client);
  };

  const relay = await startTcpRelay({
    upstream,
    onConnection: (client, connectUpstream) => {
      const pair: { client: Socket; server?: Socket } = { client };
      pairs.add(pair);
      client.on("close", () => pairs.delete(pair));
      if (frozen) {
        client.pause();
        waiting.push(() => connect(pair, connectUpstream));
      } else {
        connect(pair, connectUpstream);
      }
    },
  });

  return {
    port: relay.port,
    get frozen() {
      return frozen;
    },
    get openConnections() {
      return relay.openConnections();
    },
    freeze() {
      if (frozen) return;
      frozen = true;
      for (const { client, server } of pairs) {
        // `pipe` resumes a paused source when the destination drains; unpiping keeps both sides silent.
        client.unpipe();
        server?.unpipe();
        client.pause();
        server?.pause();
      }
    },
    thaw() {
      // Piping a pair twice would deliver every byte twice.
      if (!frozen) return;
      frozen = false;
      for (const { client, server } of pairs) {
        if (!server) continue;
        client.pipe(server);
        server.pipe(client);
        client.resume();
        server.resume();
      }
      for (const start of waiting.splice(0)) start();
    },
    stop: async () => {
      pairs.clear();
      await relay.stop();
    },
  };
}

/**
 * Starts a relay in front of the server `url` points at (a PostgreSQL URL or an HTTP endpoint) and returns
 * it with the same URL rewritten to go through it.
 *
 * @example
 * const { relay, url } = await startFreezeRelayInFront(database.serviceUrl("api"));
 */
export async function startFreezeRelayInFront(url: string): Promise<{ relay: FreezeRelay; url: string }> {
  const target = new URL(url);
  const relay = await startFreezeRelay({ host: target.hostname, port: Number(target.port) });
  target.hostname = "127.0.0.1";
  target.port = String(relay.port);
  // An endpoint has no path of its own: hand it back as given (`http://host:port`, no trailing slash).
  return { relay, url: target.pathname === "/" && !url.endsWith("/") ? target.origin : target.toString() };
}
