import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch handler on a free loopback port (what local.ts does, minus the schedule). */
export function serveApp(fetch: (request: Request) => Response | Promise<Response>): Promise<ServedApp> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
