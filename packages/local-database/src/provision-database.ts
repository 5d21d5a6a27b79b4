import { randomBytes } from "node:crypto";
import {
  type NewProduct,
  runMigrations,
  seedDemoCatalogue,
  setServiceRolePassword,
  upsertProducts,
} from "@orders/db";
import { createDatabase, ensureDatabase } from "@orders/local-postgres";
import { type ProxyChain, startProxyChain } from "@orders/proxy-check";
import { databaseName, type ServiceName, serviceRoles } from "@orders/settings";
import postgres from "postgres";

/** The chain that stands for RDS Proxy: pinning check, then PgBouncer in transaction pooling mode. */
export interface ServiceChainOptions {
  /**
   * `required`: fail when PgBouncer is not installed (tests and benchmarks, whose point is to run through it).
   * `if-installed`: without PgBouncer the pinning check forwards straight to PostgreSQL and the chain's
   * `withoutPooler` says so (the local stack and `dev:db`, which must start anyway).
   */
  pooler: "required" | "if-installed";
  /** Port the services connect to, the pinning check's (default: an ephemeral one). */
  port?: number;
}

export interface ProvisionDatabaseOptions {
  /** Superuser URL of the PostgreSQL server (any database on it). */
  serverUrl: string;
  /** The database to provision: the services' own (`databaseName` from the settings) unless given. */
  database?: string;
  /** `new` (default): create the database, failing when it exists; `if-missing`: keep the one a kept cluster has. */
  create?: "new" | "if-missing";
  /** The service roles that get a password (default: every one). */
  services?: readonly ServiceName[];
  /** Passwords to set (those `dev:db` keeps for its cluster); a role without one here gets a generated password. */
  passwords?: Partial<Record<ServiceName, string>>;
  /**
   * The demo catalogue: `always` (default; an existing SKU gets its price and stock back), `if-empty` (only
   * into a database without products, so the stock a developer changed survives a restart), or `never`.
   */
  demoCatalogue?: "always" | "if-empty" | "never";
  /** More products, written after the demo catalogue (benchmarks' SKUs whose stock never runs out). */
  products?: readonly NewProduct[];
  /** Start the chain that stands for RDS Proxy in front of the server, for the provisioned roles. */
  chain?: ServiceChainOptions;
}

export interface ProvisionedDatabase {
  name: string;
  /** Owner URL of the database, straight to PostgreSQL: migrations, seeding, arranging and asserting. */
  adminUrl: string;
  /** The password a provisioned service role now has (PgBouncer's auth file and the tests need it). */
  password(service: ServiceName): string;
  /** Whether the demo catalogue was loaded by this call. */
  seeded: boolean;
  /** The chain in front of the server; undefined when none was asked for. */
  chain: ProxyChain | undefined;
  /**
   * The URL a service connects with, as its own role with only that role's grants: through the chain when
   * there is one (`label`, default the service's name, names the client in the pinning report), else
   * straight to PostgreSQL.
   */
  serviceUrl(service: ServiceName, label?: string): string;
  /** The URL of a service's role straight to PostgreSQL, past any chain. */
  directServiceUrl(service: ServiceName): string;
  /** Stops the chain; the database and its server stay. */
  stop(): Promise<void>;
}

/**
 * Provisions a database the way the services see it in AWS, for tests, benchmarks, the local stack and
 * `dev:db`: created (or kept), migrated with the committed migrations, a password on each service role so
 * every service logs in as itself, the catalogue loaded, and, when asked, the chain that stands for RDS Proxy
 * in front of it. Migrations and seeding connect directly as the owner, as the migrator does in AWS; the
 * services go through the chain. The server belongs to the caller: this never starts or stops it
 * (`startProvisionedDatabase` starts one, provisions on it, and stops both in order).
 *
 * Service roles are cluster-wide: provisioning a second database on the same server gives the roles new
 * passwords unless `passwords` repeats them.
 *
 * @example
 * const database = await provisionDatabase({ serverUrl, chain: { pooler: "required" } });
 * const apiUrl = database.serviceUrl("api"); // orders_api, through the pinning check and PgBouncer
 */
export async function provisionDatabase(
  options: ProvisionDatabaseOptions & { chain: ServiceChainOptions },
): Promise<ProvisionedDatabase & { chain: ProxyChain }>;
export async function provisionDatabase(options: ProvisionDatabaseOptions): Promise<ProvisionedDatabase>;
export async function provisionDatabase(options: ProvisionDatabaseOptions): Promise<ProvisionedDatabase> {
  const name = options.database ?? databaseName;
  const adminUrl =
    options.create === "if-missing"
      ? await ensureDatabase(options.serverUrl, name)
      : await createDatabase(options.serverUrl, name);
  await runMigrations({ url: adminUrl });
  const services = options.services ?? (Object.keys(serviceRoles) as ServiceName[]);
  const passwords = new Map(
    services.map((service) => [service, options.passwords?.[service] ?? generatedPassword()]),
  );
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let seeded: boolean;
  try {
    for (const [service, password] of passwords) await setServiceRolePassword(sql, service, password);
    seeded = await loadCatalogue(sql, options);
  } finally {
    await sql.end();
  }
  const chain = options.chain
    ? await startProxyChain({
        postgresUrl: options.serverUrl,
        pooler: options.chain.pooler,
        ...(options.chain.port !== undefined ? { relayPort: options.chain.port } : {}),
        users: [...passwords].map(([service, password]) => ({ user: serviceRoles[service], password })),
      })
    : undefined;
  const password = (service: ServiceName): string => {
    const found = passwords.get(service);
    if (found === undefined) throw new Error(`the role of ${service} was not provisioned in ${name}`);
    return found;
  };
  const directServiceUrl = (service: ServiceName): string => {
    const url = new URL(adminUrl);
    url.username = serviceRoles[service];
    url.password = password(service);
    return url.toString();
  };
  return {
    name,
    adminUrl,
    password,
    seeded,
    chain,
    serviceUrl: (service, label = service) =>
      chain ? chain.url(serviceRoles[service], name, label) : directServiceUrl(service),
    directServiceUrl,
    stop: async () => {
      await chain?.stop();
    },
  };
}

/** A fresh password for a local role: generated, never fixed. */
function generatedPassword(): string {
  return randomBytes(16).toString("hex");
}

/** Loads the demo catalogue as `options` says, then the extra products; true when the demo catalogue went in. */
async function loadCatalogue(sql: postgres.Sql, options: ProvisionDatabaseOptions): Promise<boolean> {
  const demo = options.demoCatalogue ?? "always";
  let seeded = false;
  if (demo === "always" || (demo === "if-empty" && !(await hasProducts(sql)))) {
    await seedDemoCatalogue(sql);
    seeded = true;
  }
  if (options.products && options.products.length > 0) await upsertProducts(sql, options.products);
  return seeded;
}

async function hasProducts(sql: postgres.Sql): Promise<boolean> {
  const [row] = await sql<{ any: boolean }[]>`select exists (select 1 from products) as any`;
  return row?.any === true;
}
