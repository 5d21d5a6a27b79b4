import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { checkedFetch } from "@orders/contract-check";
import { authorizerEnv } from "@orders/local-identity/local-authorizer";
import { type IdentityFixture, startIdentityFixture } from "@orders/local-identity/testing";
import { findFreePort } from "@orders/local-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiContract } from "./testing/api-contract";
import { type ApiHarness, startApiHarness } from "./testing/api-harness";

/** The local entry script as the local stack runs it: a child process configured only by its environment. */
let h: ApiHarness;
let idp: IdentityFixture;
let child: ChildProcess;
let output = "";
let baseUrl: string;

beforeAll(async () => {
  [h, idp] = await Promise.all([startApiHarness(), startIdentityFixture()]);
  const port = await findFreePort();
  child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./local.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        ...h.queue.local.env(),
        PORT: String(port),
        ORDERS_QUEUE_URL: h.queue.queueUrl,
        DATABASE_URL: h.database.serviceUrl("api"),
        ...authorizerEnv(idp.authorizer),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!output.includes(`api listening on ${baseUrl}`)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`local api did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await Promise.all([h?.close(), idp?.close()]);
});

/** A request to the local server, its answer held to the published document. */
const checked = checkedFetch((request: Request) => fetch(request), apiContract);
const served = (path: string, init?: RequestInit) => checked(new Request(`${baseUrl}${path}`, init));

describe("local server (src/local.ts)", () => {
  it("serves the API over HTTP with the queue, database and issuer from its environment", async () => {
    expect((await served(`/health`)).status).toBe(200);
    const products = await served(`/products`);
    expect(products.status).toBe(200);
    const unsigned = await served(`/orders/${crypto.randomUUID()}`);
    expect(unsigned.status).toBe(401);
    const token = await idp.tokenFor("local-c");
    const placed = await served(`/orders`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ customerId: "local-c", items: [{ sku: "CB-010", quantity: 4 }] }),
    });
    expect(placed.status).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };
    const [message] = await h.queue.receive();
    expect(JSON.parse(message?.Body ?? "{}")).toMatchObject({ orderId, customerId: "local-c" });
  });

  it("exits cleanly on SIGTERM", async () => {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).toContain("api stopping (SIGTERM)");
  });
});
