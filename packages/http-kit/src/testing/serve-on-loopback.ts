import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch handler over real HTTP on a free loopback port, for a proxy to forward to. */
export function serveOnLoopback(fetch: (request: Request) => Response | Promise<Response>): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
