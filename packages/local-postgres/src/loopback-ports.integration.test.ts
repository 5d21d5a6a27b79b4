import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { findFreePort, isListening } from "./loopback-ports";
import { silentListener } from "./testing/silent-listener";

describe("isListening", () => {
  it("is true for a port a server listens on, and false once it has closed", async () => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    expect(await isListening(port)).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isListening(port)).toBe(false);
  });

  it("is false for a free port", async () => {
    expect(await isListening(await findFreePort())).toBe(false);
  });

  it("gives up on a listener that takes no connection, at its own deadline", async () => {
    const silent = await silentListener();
    try {
      const started = performance.now();
      expect(await isListening(silent.port, 300)).toBe(false);
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(290);
      expect(waited).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });
});
