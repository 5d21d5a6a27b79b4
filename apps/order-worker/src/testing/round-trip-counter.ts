import { startTcpRelay } from "@orders/local-postgres";

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
 * Built on the shared relay (Nagle off on both sockets), so counting adds no delay of its own.
 */
export async function startRoundTripCounter(target: {
  host: string;
  port: number;
}): Promise<RoundTripCounter> {
  let count = 0;
  const relay = await startTcpRelay({
    upstream: target,
    onConnection: (client, connectUpstream) => {
      const upstream = connectUpstream();
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
    },
  });
  return {
    port: relay.port,
    roundTrips: () => count,
    reset: () => {
      count = 0;
    },
    close: () => relay.stop(),
  };
}
