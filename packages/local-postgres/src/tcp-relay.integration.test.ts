import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startTcpRelay, type TcpRelay, UpstreamConnectTimeoutError } from "./tcp-relay";
import { silentListener } from "./testing/silent-listener";

/** A TCP server on loopback that hands each accepted socket to `onSocket`. */
async function upstreamServer(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onSocket);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, port: (server.address() as AddressInfo).port };
}

/** Connects to the relay and collects everything it receives until the relay ends the connection. */
async function connectTo(relay: TcpRelay): Promise<{ socket: Socket; received: Promise<string> }> {
  const socket = connect({ host: relay.host, port: relay.port });
  await once(socket, "connect");
  const received = new Promise<string>((resolve) => {
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString();
    });
    socket.on("close", () => resolve(text));
  });
  return { socket, received };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(relay: Promise<TcpRelay>, server: Server): Promise<TcpRelay> {
  const ready = await relay;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  cleanups.push(() => ready.stop());
  return ready;
}

describe("startTcpRelay", () => {
  it("listens on loopback only and forwards bytes both ways unchanged", async () => {
    const { server, port } = await upstreamServer((socket) => {
      socket.on("data", (chunk) => socket.write(Buffer.from(chunk.toString().toUpperCase())));
    });
    const relay = await started(startTcpRelay({ upstream: { host: "127.0.0.1", port } }), server);
    expect(relay.host).toBe("127.0.0.1");
    expect(relay.port).not.toBe(port);

    const { socket } = await connectTo(relay);
    socket.write("select 1");
    const [answer] = (await once(socket, "data")) as [Buffer];
    expect(answer.toString()).toBe("SELECT 1");
    socket.destroy();
  });

  it("delivers what the upstream wrote last before it hung up, then ends the client", async () => {
    const { server, port } = await upstreamServer((socket) => socket.end("FATAL: goodbye"));
    const relay = await started(startTcpRelay({ upstream: { host: "127.0.0.1", port } }), server);
    const { received } = await connectTo(relay);
    expect(await received).toBe("FATAL: goodbye");
    await expect.poll(() => relay.openConnections()).toBe(0);
  });

  it("ends the upstream connection when the client leaves", async () => {
    const upstreamClosed: Promise<unknown>[] = [];
    const { server, port } = await upstreamServer((socket) => {
      upstreamClosed.push(once(socket, "close"));
      socket.resume();
    });
    const relay = await started(startTcpRelay({ upstream: { host: "127.0.0.1", port } }), server);
    const { socket } = await connectTo(relay);
    await expect.poll(() => upstreamClosed.length).toBe(1);
    expect(relay.openConnections()).toBe(1);
    socket.end();
    await upstreamClosed[0];
    await expect.poll(() => relay.openConnections()).toBe(0);
  });

  it("closes the client when the upstream cannot be reached", async () => {
    const { server, port } = await upstreamServer(() => {});
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const relay = await startTcpRelay({ upstream: { host: "127.0.0.1", port } });
    cleanups.push(() => relay.stop());
    const { received } = await connectTo(relay);
    expect(await received).toBe("");
  });

  it("opens the upstream connection only when the handler asks for it", async () => {
    let accepted = 0;
    const { server, port } = await upstreamServer((socket) => {
      accepted += 1;
      socket.on("data", (chunk) => socket.write(chunk));
    });
    let openLater: (() => void) | undefined;
    const relay = await started(
      startTcpRelay({
        upstream: { host: "127.0.0.1", port },
        onConnection: (client, connectUpstream) => {
          openLater = () => {
            const upstream = connectUpstream();
            expect(connectUpstream()).toBe(upstream);
            client.pipe(upstream).pipe(client);
          };
        },
      }),
      server,
    );
    const { socket } = await connectTo(relay);
    await expect.poll(() => openLater).toBeDefined();
    socket.write("held");
    // The client is connected, the upstream has seen nothing yet.
    await new Promise((resolve) => setImmediate(resolve));
    expect(accepted).toBe(0);
    openLater?.();
    const [echo] = (await once(socket, "data")) as [Buffer];
    expect(echo.toString()).toBe("held");
    expect(accepted).toBe(1);
    socket.destroy();
  });

  it("stop() closes every open connection and the listener", async () => {
    const upstreamClosed: Promise<unknown>[] = [];
    const { server, port } = await upstreamServer((socket) => {
      upstreamClosed.push(once(socket, "close"));
      socket.resume();
    });
    const relay = await startTcpRelay({ upstream: { host: "127.0.0.1", port } });
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const first = await connectTo(relay);
    const second = await connectTo(relay);
    await expect.poll(() => upstreamClosed.length).toBe(2);
    await relay.stop();
    expect(await first.received).toBe("");
    expect(await second.received).toBe("");
    await Promise.all(upstreamClosed);
    const refused = connect({ host: "127.0.0.1", port: relay.port });
    const [error] = (await once(refused, "error")) as [NodeJS.ErrnoException];
    expect(error.code).toBe("ECONNREFUSED");
  });

  it("closes the client and says why when the upstream never answers its connection", async () => {
    const silent = await silentListener();
    cleanups.push(() => silent.close());
    const errors: Error[] = [];
    const relay = await startTcpRelay({
      upstream: { host: "127.0.0.1", port: silent.port },
      connectTimeoutMs: 300,
      onUpstreamError: (error) => errors.push(error),
    });
    cleanups.push(() => relay.stop());
    const startedAt = Date.now();
    const { received } = await connectTo(relay);
    expect(await received).toBe("");
    const heldMs = Date.now() - startedAt;
    // Not before its deadline, and not for the kernel's SYN retries either (about two minutes).
    expect(heldMs).toBeGreaterThanOrEqual(290);
    expect(heldMs).toBeLessThan(5_000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(UpstreamConnectTimeoutError);
    expect(errors[0]?.message).toBe(
      `the relay's upstream 127.0.0.1:${silent.port} did not accept a connection within 300 ms: closed the client`,
    );
    await expect.poll(() => relay.openConnections()).toBe(0);
  });

  it("gives up a connection still opening when its client leaves, instead of reporting it later", async () => {
    const silent = await silentListener();
    cleanups.push(() => silent.close());
    const errors: Error[] = [];
    const relay = await startTcpRelay({
      upstream: { host: "127.0.0.1", port: silent.port },
      connectTimeoutMs: 300,
      onUpstreamError: (error) => errors.push(error),
    });
    cleanups.push(() => relay.stop());
    const { socket, received } = await connectTo(relay);
    await expect.poll(() => relay.openConnections()).toBe(1);
    socket.destroy();
    await received;
    await expect.poll(() => relay.openConnections()).toBe(0);
    // Past the deadline: the opening connection went with its client, so no timeout was left to fire.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(errors).toEqual([]);
  });

  it("keeps a connection that opens within the deadline, and reports a refused one", async () => {
    const { server, port } = await upstreamServer((socket) => socket.pipe(socket));
    const errors: Error[] = [];
    const relay = await started(
      startTcpRelay({
        upstream: { host: "127.0.0.1", port },
        connectTimeoutMs: 300,
        onUpstreamError: (error) => errors.push(error),
      }),
      server,
    );
    const { socket } = await connectTo(relay);
    // Past the deadline the connection is still there: it bounds the opening only.
    await new Promise((resolve) => setTimeout(resolve, 600));
    socket.write("still here");
    const [echo] = (await once(socket, "data")) as [Buffer];
    expect(echo.toString()).toBe("still here");
    socket.destroy();
    expect(errors).toEqual([]);

    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refused = await connectTo(relay);
    expect(await refused.received).toBe("");
    expect(errors.map((error) => (error as NodeJS.ErrnoException).code)).toEqual(["ECONNREFUSED"]);
  });

  it("refuses a connect deadline that is not a positive number of milliseconds", async () => {
    for (const connectTimeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(
        startTcpRelay({ upstream: { host: "127.0.0.1", port: 9 }, connectTimeoutMs }),
      ).rejects.toThrow(/connectTimeoutMs must be a positive number of milliseconds/);
    }
  });
});
