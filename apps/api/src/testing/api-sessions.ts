import { type PinningRelay, startPinningRelay } from "@orders/proxy-check";
import type { ApiHarness } from "./api-harness";

/** The api's database URL through a relay of its own, and the client sessions seen there. */
export interface ApiSessions {
  /** The harness's service URL for the api, pointed at the relay. */
  url: string;
  /** Connections the runtime's client holds open (it names itself "orders-api"). */
  open(): number;
  stop(): Promise<void>;
}

/**
 * A relay in front of the run's proxy chain that counts the api's client connections: behind a transaction
 * pooler, server connections say nothing about how many connections the client holds, the client sessions
 * the relay sees do.
 */
export async function watchApiSessions(h: ApiHarness): Promise<ApiSessions> {
  const chain = new URL(h.database.serviceUrl("api"));
  const relay: PinningRelay = await startPinningRelay({
    upstream: { host: chain.hostname, port: Number(chain.port) },
  });
  const url = new URL(chain);
  url.port = String(relay.port);
  return {
    url: url.toString(),
    open: () => relay.sessions().filter((s) => s.open && s.applicationName === "orders-api").length,
    stop: () => relay.stop(),
  };
}
