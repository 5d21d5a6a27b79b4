import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoCatalogue } from "@orders/db";
import { findFreePort, isListening, startEmbeddedPostgres } from "@orders/local-postgres";
import {
  localDevServiceUrl,
  localDevSuperuserUrl,
  parseLocalServicePasswords,
  type ServiceName,
} from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterFolderName } from "./dev-db-data-dir";
import { fixedPasswordOfOlderClusters } from "./dev-db-password";
import { repoPath, repoRoot } from "./repo-paths";

/** A `npm run dev:db` process, started as a terminal would: the launcher leads a process group. */
interface Run {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

function launch(args: string[]): Run {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", repoPath("tools/local-stack/src/dev-db.ts"), ...args],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function untilUp(run: Run): Promise<void> {
  let exited = false;
  void run.exit.then(() => {
    exited = true;
  });
  while (!run.output().includes("Local database for `sst dev` is up.")) {
    if (exited) throw new Error(`dev:db exited during start-up:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ctrl-C in a terminal: SIGINT to the whole foreground process group. */
async function ctrlC(run: Run): Promise<number | null> {
  process.kill(-(run.child.pid as number), "SIGINT");
  return await run.exit;
}

/** Runs `statement` and returns the SQLSTATE it failed with, or "ok". */
async function outcome(sql: postgres.Sql, statement: string): Promise<string> {
  try {
    await sql.unsafe(statement);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const INSUFFICIENT_PRIVILEGE = "42501";
const INVALID_PASSWORD = "28P01";
const services: ServiceName[] = ["api", "worker", "reporting"];

let postgresPort: number;
let chainPort: number;
let dataDir: string;
let args: string[];
let running: Run | undefined;
const connections: postgres.Sql[] = [];

/** The superuser's password dev:db generated for the test's data folder. */
async function superuserPassword(): Promise<string> {
  return (await readFile(join(dataDir, "superuser-password"), "utf8")).trim();
}

/** The service roles' passwords dev:db generated for the test's data folder. */
async function servicePasswords(folder = dataDir): Promise<Record<ServiceName, string>> {
  const file = join(folder, "service-passwords");
  return parseLocalServicePasswords(await readFile(file, "utf8"), file);
}

/** A service's URL through the chain, with the password dev:db generated for it (as `sst dev` builds it). */
async function serviceUrl(service: ServiceName): Promise<string> {
  return localDevServiceUrl(service, { port: chainPort, password: (await servicePasswords())[service] });
}

function connect(url: string): postgres.Sql {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {}, connect_timeout: 10 });
  connections.push(sql);
  return sql;
}

async function closeConnections(): Promise<void> {
  await Promise.all(connections.splice(0).map((sql) => sql.end({ timeout: 1 })));
}

beforeAll(async () => {
  postgresPort = await findFreePort();
  chainPort = await findFreePort();
  // Not created: the first start meets a data folder that does not exist yet, as on a fresh checkout.
  dataDir = join(tmpdir(), `orders-dev-db-test-${randomBytes(4).toString("hex")}`);
  args = ["--port", String(postgresPort), "--chain-port", String(chainPort), "--data-dir", dataDir];
});

afterAll(async () => {
  await closeConnections();
  if (running) await ctrlC(running);
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm run dev:db", () => {
  it("starts on a fresh data folder, prints the URLs sst dev uses, and answers on them", async () => {
    running = launch(args);
    await untilUp(running);
    const superuserUrl = localDevSuperuserUrl({ port: postgresPort, password: await superuserPassword() });
    expect(running.output()).toContain(`psql '${localDevSuperuserUrl({ port: postgresPort })}'`);
    for (const service of services) {
      // Printed without its password (`role@host`), like the superuser's: the password stays in its file.
      expect(running.output()).toContain(localDevServiceUrl(service, { port: chainPort }));
    }
    const admin = connect(superuserUrl);
    const [row] = await admin<{ version: string; products: number }[]>`
      select current_setting('server_version') as version, (select count(*)::int from products) as products`;
    expect(row?.version).toMatch(/^17\./);
    expect(row?.products).toBe(demoCatalogue.length);
    const api = connect(await serviceUrl("api"));
    const [who] = await api<{ user: string }[]>`select current_user as user`;
    expect(who?.user).toBe("orders_api");
  });

  it("generates the superuser's password into a file only this user can read; postgres:postgres is refused", async () => {
    const file = join(dataDir, "superuser-password");
    const { mode, uid } = await stat(file);
    expect({ mode: mode & 0o777, uid }).toEqual({ mode: 0o600, uid: process.getuid?.() });
    const password = await superuserPassword();
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(running?.output()).not.toContain(password);
    expect(running?.output()).toContain(`password: in ${file}`);
    const fixed = connect(localDevSuperuserUrl({ port: postgresPort, password: "postgres" }));
    expect(await outcome(fixed, "select 1")).toBe(INVALID_PASSWORD);
    const generated = connect(localDevSuperuserUrl({ port: postgresPort, password }));
    expect(await outcome(generated, "select 1")).toBe("ok");
  });

  it("generates the service roles' passwords into a file only this user can read, and prints none", async () => {
    const file = join(dataDir, "service-passwords");
    const { mode, uid } = await stat(file);
    expect({ mode: mode & 0o777, uid }).toEqual({ mode: 0o600, uid: process.getuid?.() });
    const passwords = await servicePasswords();
    expect(new Set(Object.values(passwords)).size).toBe(Object.keys(passwords).length);
    for (const service of services) {
      expect(passwords[service]).toMatch(/^[\w-]{32}$/);
      expect(running?.output()).not.toContain(passwords[service]);
      // The password the role had when local service passwords were fixed, refused by the server itself.
      const fixed = localDevServiceUrl(service, {
        port: postgresPort,
        password: `orders-${service}-local-only`,
      });
      expect(await outcome(connect(fixed), "select 1")).toBe(INVALID_PASSWORD);
    }
    expect(running?.output()).toContain(`passwords: in ${file}`);
  });

  it("lets each role do its job through the chain, and no more", async () => {
    const api = connect(await serviceUrl("api"));
    const worker = connect(await serviceUrl("worker"));
    const reporting = connect(await serviceUrl("reporting"));
    const order = `insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
                   values ('${randomUUID()}', 'c-roles', 'USD', 100, 'accepted', now())`;

    expect(await outcome(api, "select sku, price_cents, stock from products")).toBe("ok");
    expect(await outcome(api, "select id from orders")).toBe("ok");
    expect(await outcome(api, order)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(api, "update products set stock = 0 where sku = 'KB-001'")).toBe(
      INSUFFICIENT_PRIVILEGE,
    );

    expect(await outcome(worker, order)).toBe("ok");
    expect(await outcome(worker, "update products set stock = stock where sku = 'KB-001'")).toBe("ok");
    expect(await outcome(worker, "select customer_id from orders")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(worker, "delete from orders")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(worker, "update products set price_cents = 1")).toBe(INSUFFICIENT_PRIVILEGE);

    expect(await outcome(reporting, "select customer_id, total_cents from orders")).toBe("ok");
    expect(await outcome(reporting, "delete from daily_sales where day < '2000-01-01'")).toBe("ok");
    expect(await outcome(reporting, order)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(reporting, "update products set stock = 0")).toBe(INSUFFICIENT_PRIVILEGE);

    for (const sql of [api, worker, reporting]) {
      expect(await outcome(sql, "create table intruder (id int)")).toBe(INSUFFICIENT_PRIVILEGE);
    }
    // The superuser is not reachable through the chain at all: it only serves the service roles.
    const viaChain = connect(localDevSuperuserUrl({ port: chainPort, password: await superuserPassword() }));
    expect(await outcome(viaChain, "select 1")).not.toBe("ok");
  });

  it("refuses a second run at once with a clear message, and leaves the first one serving", async () => {
    const otherData = join(tmpdir(), `orders-dev-db-second-${randomBytes(4).toString("hex")}`);
    const startedAt = Date.now();
    const second = launch([
      "--port",
      String(postgresPort),
      "--chain-port",
      String(chainPort),
      "--data-dir",
      otherData,
    ]);
    expect(await second.exit).toBe(1);
    expect(Date.now() - startedAt).toBeLessThan(30_000);
    expect(second.output()).toContain(`port ${postgresPort} (PostgreSQL) is already in use`);
    expect(second.output()).toContain("npm run dev:db` already running");
    const api = connect(await serviceUrl("api"));
    expect(await outcome(api, "select 1")).toBe("ok");
    await rm(otherData, { recursive: true, force: true });
  });

  it("keeps rows, changed stock and the passwords across Ctrl-C and a restart, and loads the catalogue only once", async () => {
    const password = await superuserPassword();
    const kept = await servicePasswords();
    const id = randomUUID();
    const worker = connect(await serviceUrl("worker"));
    await worker`insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
                 values (${id}, 'c-kept', 'USD', 4200, 'accepted', now())`;
    await worker`update products set stock = 7 where sku = 'KB-001'`;
    await closeConnections();

    const first = running as Run;
    expect(await ctrlC(first)).toBe(0);
    running = undefined;
    expect(first.output()).toContain("local database stopped; its data is kept for the next run");
    expect(await isListening(postgresPort)).toBe(false);
    expect(await isListening(chainPort)).toBe(false);

    running = launch(args);
    await untilUp(running);
    const reporting = connect(await serviceUrl("reporting"));
    const [order] = await reporting<
      { total: number }[]
    >`select total_cents::int as total from orders where id = ${id}`;
    expect(order?.total).toBe(4200);
    const [product] = await reporting<{ stock: number }[]>`select stock from products where sku = 'KB-001'`;
    expect(product?.stock).toBe(7);
    expect(running.output()).toContain("kept the data of the previous run");
    expect(await superuserPassword()).toBe(password);
    expect(await servicePasswords()).toEqual(kept);
  });

  it("throws the data and the passwords away with --reset", async () => {
    const before = await superuserPassword();
    const servicesBefore = await servicePasswords();
    await closeConnections();
    expect(await ctrlC(running as Run)).toBe(0);
    running = launch([...args, "--reset"]);
    await untilUp(running);
    expect(running.output()).toContain("demo catalogue loaded");
    const admin = connect(localDevSuperuserUrl({ port: postgresPort, password: await superuserPassword() }));
    const [row] = await admin<{ orders: number; stock: number }[]>`
      select (select count(*)::int from orders) as orders,
             (select stock from products where sku = 'KB-001') as stock`;
    expect(row?.orders).toBe(0);
    expect(row?.stock).toBe(demoCatalogue.find((p) => p.sku === "KB-001")?.stock);
    expect(await superuserPassword()).not.toBe(before);
    const old = connect(localDevSuperuserUrl({ port: postgresPort, password: before }));
    expect(await outcome(old, "select 1")).toBe(INVALID_PASSWORD);
    const servicesAfter = await servicePasswords();
    for (const service of services) {
      expect(servicesAfter[service]).not.toBe(servicesBefore[service]);
      // Straight to PostgreSQL, so the refusal is the server's own, not the pooler's.
      const oldPassword = localDevServiceUrl(service, {
        port: postgresPort,
        password: servicesBefore[service],
      });
      expect(await outcome(connect(oldPassword), "select 1")).toBe(INVALID_PASSWORD);
      expect(await outcome(connect(await serviceUrl(service)), "select 1")).toBe("ok");
    }
  });
});

describe("npm run dev:db on a cluster made when the superuser's password was fixed", () => {
  it("replaces that password with a generated one at the first start", async () => {
    const olderData = join(tmpdir(), `orders-dev-db-older-${randomBytes(4).toString("hex")}`);
    const ports = { postgres: await findFreePort(), chain: await findFreePort() };
    try {
      const older = await startEmbeddedPostgres({
        port: ports.postgres,
        dataDir: join(olderData, clusterFolderName),
        password: fixedPasswordOfOlderClusters,
      });
      await older.stop();
      const run = launch([
        "--port",
        String(ports.postgres),
        "--chain-port",
        String(ports.chain),
        "--data-dir",
        olderData,
      ]);
      try {
        await untilUp(run);
        expect(run.output()).toContain("replaced by a generated one");
        const password = (await readFile(join(olderData, "superuser-password"), "utf8")).trim();
        const fixed = connect(localDevSuperuserUrl({ port: ports.postgres, password: "postgres" }));
        expect(await outcome(fixed, "select 1")).toBe(INVALID_PASSWORD);
        const generated = connect(localDevSuperuserUrl({ port: ports.postgres, password }));
        expect(await outcome(generated, "select 1")).toBe("ok");
        const worker = localDevServiceUrl("worker", {
          port: ports.chain,
          password: (await servicePasswords(olderData)).worker,
        });
        expect(await outcome(connect(worker), "select 1")).toBe("ok");
        await closeConnections();
      } finally {
        expect(await ctrlC(run)).toBe(0);
      }
    } finally {
      await rm(olderData, { recursive: true, force: true });
    }
  });
});
