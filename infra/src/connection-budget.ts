import { databaseConnection, proxyPool } from "@orders/settings";
import { auroraPostgresMaxConnections } from "./aurora-max-connections";
import { reportingReadEndpoint, type StageProfile } from "./stage-profile";

/** RDS Proxy target-group settings: one definition in the settings package, read by the local chain too. */
export { proxyPool } from "@orders/settings";

/**
 * Worst-case client connections must fit in the proxy's pool this many times over: pinned sessions hold a
 * back-end connection each, and during a failover clients reconnect while old connections drain.
 */
export const proxyHeadroomFactor = 2;

/**
 * Connections outside the proxy's share that must stay free: PostgreSQL's `superuser_reserved_connections`
 * (3), Aurora's own `rdsadmin` sessions and an operator's `psql` through `sst tunnel`.
 */
export const adminReserveConnections = 10;

export interface BudgetLine {
  client: string;
  /** Where its connections land. */
  path: "proxy" | "direct";
  /** What bounds its instances. */
  boundBy: string;
  connections: number;
}

export interface ConnectionBudget {
  lines: BudgetLine[];
  /** Sum of the proxy clients' worst case (every instance holding its one connection, no multiplexing). */
  proxyClients: number;
  /** Back-end connections the proxy may open (`max_connections` x maxConnectionsPercent). */
  proxyPool: number;
  /** `max_connections` of the writer for the stage's ACU range. */
  databaseMaxConnections: number;
  /** Connections left outside the proxy's share. */
  outsideProxy: number;
  /** Everything that does not hold; empty when the budget is sound. */
  problems: string[];
}

export interface BudgetInput {
  flow: { maxConcurrency: number };
  profile: Pick<StageProfile, "reservedConcurrency" | "aurora">;
  connectionsPerInstance?: number;
  pool?: { maxConnectionsPercent: number };
}

/**
 * The connection budget of a stage: who can hold how many database connections at worst, and whether the
 * proxy and the database can take it. Every bound here is enforced by AWS configuration (the event-source
 * mapping's maximum concurrency, reserved concurrency), so the worst case really is the worst case.
 */
export function connectionBudget(input: BudgetInput): ConnectionBudget {
  const perInstance = input.connectionsPerInstance ?? databaseConnection.maxConnectionsPerInstance;
  const percent = input.pool?.maxConnectionsPercent ?? proxyPool.maxConnectionsPercent;
  const reserved = input.profile.reservedConcurrency;
  const lines: BudgetLine[] = [
    {
      client: "order-worker (orders_worker)",
      path: "proxy",
      boundBy: "event-source mapping maximumConcurrency",
      connections: input.flow.maxConcurrency * perInstance,
    },
    {
      client: "api (orders_api)",
      path: "proxy",
      boundBy: "reserved concurrency",
      connections: reserved.api * perInstance,
    },
    {
      client: `reporting http (orders_reporting, ${reportingReadEndpoint(input.profile)} endpoint)`,
      path: "proxy",
      boundBy: "reserved concurrency",
      connections: reserved.reportingHttp * perInstance,
    },
    {
      client: "reporting rollup (orders_reporting)",
      path: "proxy",
      boundBy: "reserved concurrency",
      connections: reserved.rollup * perInstance,
    },
    {
      client: "migrator (master user)",
      path: "direct",
      boundBy: "one invocation per deploy",
      connections: 1,
    },
  ];

  const proxyClients = sum(lines.filter((l) => l.path === "proxy").map((l) => l.connections));
  const direct = sum(lines.filter((l) => l.path === "direct").map((l) => l.connections));
  const databaseMaxConnections = auroraPostgresMaxConnections(input.profile.aurora);
  const pool = Math.floor((databaseMaxConnections * percent) / 100);
  const outsideProxy = databaseMaxConnections - pool;

  const problems: string[] = [];
  if (percent < 1 || percent > 100) problems.push(`maxConnectionsPercent must be in 1..100, got ${percent}`);
  const idle = input.profile.aurora.proxyMaxIdleConnectionsPercent;
  if (idle < 0 || idle > percent) {
    problems.push(
      `proxyMaxIdleConnectionsPercent must be in 0..maxConnectionsPercent (${percent}), got ${idle}`,
    );
  }
  for (const [name, value] of Object.entries(reserved)) {
    if (!Number.isInteger(value) || value < 1) {
      problems.push(`reserved concurrency of ${name} must be a positive integer (unbounded = no budget)`);
    }
  }
  if (proxyClients * proxyHeadroomFactor > pool) {
    problems.push(
      `proxy clients can hold ${proxyClients} connections; with ${proxyHeadroomFactor}x headroom that needs ` +
        `${proxyClients * proxyHeadroomFactor}, but the proxy pool is ${pool} (${percent}% of ${databaseMaxConnections})`,
    );
  }
  if (outsideProxy < direct + adminReserveConnections) {
    problems.push(
      `only ${outsideProxy} connections stay outside the proxy's share; direct clients (${direct}) and the ` +
        `admin reserve (${adminReserveConnections}) need ${direct + adminReserveConnections}`,
    );
  }
  return { lines, proxyClients, proxyPool: pool, databaseMaxConnections, outsideProxy, problems };
}

/** Throws with every problem when the budget does not hold (used by infra at deploy time). */
export function assertConnectionBudget(stage: string, budget: ConnectionBudget): void {
  if (budget.problems.length > 0) {
    throw new Error(
      `connection budget of stage "${stage}" does not hold:\n- ${budget.problems.join("\n- ")}`,
    );
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
