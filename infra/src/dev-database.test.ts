import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  databaseName,
  formatLocalServicePasswords,
  localDevDatabase,
  type ServiceName,
  serviceRoles,
} from "@orders/settings";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as devDatabaseModule from "./dev-database";
import {
  devDatabase,
  devServiceDatabaseUrl,
  localDevDatabaseFor,
  localDevServicePasswordsFor,
} from "./dev-database";
import { databaseEnvironment } from "./environment";

const services = Object.keys(serviceRoles) as ServiceName[];

describe("sst dev database", () => {
  it("defaults to what npm run dev:db serves: the app database on PostgreSQL's own port", () => {
    expect(devDatabase(undefined)).toEqual({
      host: "127.0.0.1",
      port: 5432,
      username: "postgres",
      // Generated per data folder by dev:db: read from its file under sst dev (below), never fixed here.
      password: "",
      database: databaseName,
    });
    expect(localDevDatabase.postgresPort).toBe(devDatabase(undefined).port);
  });

  it("decodes a URL with characters that need escaping", () => {
    const db = devDatabase("postgresql://me:p%40ss%2Fw0rd@127.0.0.1:6543/orders");
    expect(db).toEqual({
      host: "127.0.0.1",
      port: 6543,
      username: "me",
      password: "p@ss/w0rd",
      database: "orders",
    });
  });

  it("offers functions no URL built from the superuser's database (only Aurora's dev setting reads it)", () => {
    expect(devDatabaseModule).not.toHaveProperty("devDatabaseUrl");
  });

  it("rejects other engines and URLs without a database", () => {
    expect(() => devDatabase("mysql://root@localhost/orders")).toThrow(/postgres/);
    expect(() => devDatabase("postgres://localhost:5432/")).toThrow(/database/);
  });
});

describe("the superuser's password sst dev gives Aurora's dev prop", () => {
  let root: string;
  let file: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "orders-sst-dev-root-"));
    await mkdir(join(root, localDevDatabase.dataFolder));
    file = join(root, localDevDatabase.dataFolder, localDevDatabase.superuserPasswordFile);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it("comes from the file npm run dev:db generated in the app's data folder", async () => {
    await writeFile(file, "generated-pw\n", { mode: 0o600 });
    expect(localDevDatabaseFor({}, { dev: true, root }).password).toBe("generated-pw");
    const elsewhere = join(root, "other-password");
    await writeFile(elsewhere, "other-pw\n", { mode: 0o600 });
    expect(
      localDevDatabaseFor({ LOCAL_DATABASE_PASSWORD_FILE: elsewhere }, { dev: true, root }).password,
    ).toBe("other-pw");
  });

  it("is the URL's own when LOCAL_DATABASE_URL carries one, and read only under sst dev", async () => {
    await symlink("/etc/hostname", file);
    const url = "postgres://postgres:in-url@127.0.0.1:5432/orders";
    expect(localDevDatabaseFor({ LOCAL_DATABASE_URL: url }, { dev: true, root }).password).toBe("in-url");
    expect(localDevDatabaseFor({}, { dev: false, root }).password).toBe("");
  });

  it("is never read through a link, nor from a file others may read", async () => {
    await symlink("/etc/hostname", file);
    expect(() => localDevDatabaseFor({}, { dev: true, root })).toThrow(/is a symbolic link: refusing/);
    await rm(file);
    await writeFile(file, "known\n", { mode: 0o644 });
    await chmod(file, 0o644);
    expect(() => localDevDatabaseFor({}, { dev: true, root })).toThrow(/open to other users \(mode 0644\)/);
  });

  it("stays empty with a warning before dev:db has run", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(localDevDatabaseFor({}, { dev: true, root }).password).toBe("");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`no local database password at ${file}`));
  });
});

describe("the service roles' passwords sst dev puts in the functions' URLs", () => {
  let root: string;
  let file: string;
  const generated = Object.fromEntries(services.map((s) => [s, `generated-${s}`])) as Record<
    ServiceName,
    string
  >;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "orders-sst-dev-root-"));
    await mkdir(join(root, localDevDatabase.dataFolder));
    file = join(root, localDevDatabase.dataFolder, localDevDatabase.servicePasswordsFile);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it("come from the file npm run dev:db generated in the app's data folder, or the one named", async () => {
    await writeFile(file, formatLocalServicePasswords(generated), { mode: 0o600 });
    const passwords = localDevServicePasswordsFor({}, { dev: true, root });
    expect(passwords).toEqual(generated);
    for (const service of services) {
      const url = new URL(devServiceDatabaseUrl(service, {}, passwords));
      expect(url.username).toBe(serviceRoles[service]);
      expect(url.password).toBe(`generated-${service}`);
    }
    const elsewhere = join(root, "other-passwords");
    const other = { ...generated, api: "other-api" };
    await writeFile(elsewhere, formatLocalServicePasswords(other), { mode: 0o600 });
    expect(
      localDevServicePasswordsFor({ LOCAL_DATABASE_SERVICE_PASSWORDS_FILE: elsewhere }, { dev: true, root }),
    ).toEqual(other);
  });

  it("are read only under sst dev", async () => {
    await symlink("/etc/hostname", file);
    expect(localDevServicePasswordsFor({}, { dev: false, root })).toBeUndefined();
  });

  it("are never read through a link, from a file others may read, or from a damaged file", async () => {
    await symlink("/etc/hostname", file);
    expect(() => localDevServicePasswordsFor({}, { dev: true, root })).toThrow(
      /is a symbolic link: refusing/,
    );
    await rm(file);
    await writeFile(file, formatLocalServicePasswords(generated), { mode: 0o644 });
    await chmod(file, 0o644);
    expect(() => localDevServicePasswordsFor({}, { dev: true, root })).toThrow(/open to other users/);
    await chmod(file, 0o600);
    await writeFile(file, "{}\n");
    expect(() => localDevServicePasswordsFor({}, { dev: true, root })).toThrow(
      `${file} has no password for api`,
    );
  });

  it("are absent, with a warning, before dev:db has run: the URLs then name none", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const passwords = localDevServicePasswordsFor({}, { dev: true, root });
    expect(passwords).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`no local service role passwords at ${file}`));
    expect(new URL(devServiceDatabaseUrl("api", {}, passwords)).password).toBe("");
  });
});

describe("the environment each function gets under sst dev", () => {
  it("logs every service in as its own role through the chain, never as the superuser", () => {
    const superuser = devDatabase(undefined);
    const passwords = Object.fromEntries(services.map((s) => [s, `pw-${s}`])) as Record<ServiceName, string>;
    const seen = new Set<string>();
    for (const service of services) {
      const env = databaseEnvironment(
        { kind: "local", url: devServiceDatabaseUrl(service, {}, passwords) },
        service,
      );
      expect(Object.keys(env)).toEqual(["DATABASE_URL"]);
      const url = new URL(env.DATABASE_URL ?? "");
      expect(url.username).toBe(serviceRoles[service]);
      expect(url.password).toBe(`pw-${service}`);
      expect(url.hostname).toBe(superuser.host);
      expect(Number(url.port)).toBe(localDevDatabase.chainPort);
      expect(Number(url.port)).not.toBe(superuser.port);
      expect(url.pathname).toBe(`/${databaseName}`);
      seen.add(env.DATABASE_URL ?? "");
    }
    expect(seen.size).toBe(services.length);
  });

  it("follows LOCAL_DATABASE_URL's host and database and LOCAL_DATABASE_CHAIN_PORT", () => {
    const url = new URL(
      devServiceDatabaseUrl("worker", {
        LOCAL_DATABASE_URL: "postgres://postgres:secret@192.0.2.7:5433/orders_dev",
        LOCAL_DATABASE_CHAIN_PORT: "6433",
      }),
    );
    expect(url.hostname).toBe("192.0.2.7");
    expect(url.port).toBe("6433");
    expect(url.pathname).toBe("/orders_dev");
    // The superuser's password stays with the superuser.
    expect(url.username).toBe(serviceRoles.worker);
    expect(url.password).not.toBe("secret");
  });

  it("refuses a chain port that is not a port", () => {
    expect(() => devServiceDatabaseUrl("api", { LOCAL_DATABASE_CHAIN_PORT: "64k" })).toThrow(
      /LOCAL_DATABASE_CHAIN_PORT/,
    );
  });
});
