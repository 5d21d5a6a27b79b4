import { once } from "node:events";
import { type AddressInfo, createServer, type Server } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { listeningSockets, parseProcNetTcp, processTree } from "./listening-sockets";

const header =
  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

describe("parseProcNetTcp", () => {
  it("keeps the listening sockets and decodes their addresses and ports", () => {
    const table = [
      header,
      "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0",
      "   1: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 222 1 0",
      "   2: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 333 1 0",
    ].join("\n");
    expect(parseProcNetTcp(table)).toEqual([
      { address: "127.0.0.1", port: 8080, inode: "111" },
      { address: "0.0.0.0", port: 80, inode: "222" },
    ]);
  });

  it("decodes the IPv6 wildcard and loopback", () => {
    const table = [
      header,
      "   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 0 0 0 0 0 444 1 0",
      "   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 0 0 0 0 0 555 1 0",
    ].join("\n");
    expect(parseProcNetTcp(table).map(({ address, port }) => `${address} ${port}`)).toEqual([
      ":: 8080",
      "::1 22",
    ]);
  });
});

describe("listeningSockets", () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  async function listen(host: string): Promise<number> {
    const server = createServer();
    servers.push(server);
    server.listen(0, host);
    await once(server, "listening");
    return (server.address() as AddressInfo).port;
  }

  it("finds what this process listens on, with the address each is bound to", async () => {
    const loopback = await listen("127.0.0.1");
    // Another loopback address: proves the address is read, not assumed.
    const other = await listen("127.0.0.2");
    const tree = await processTree(process.pid);
    expect(tree[0]).toBe(process.pid);
    const sockets = await listeningSockets(tree);
    expect(sockets).toContainEqual({ address: "127.0.0.1", port: loopback, pid: process.pid });
    expect(sockets).toContainEqual({ address: "127.0.0.2", port: other, pid: process.pid });
  });
});
