import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { createOrderQueues, type OrderQueues, startLocalSqs } from "@orders/local-aws";
import {
  accountsFileFor,
  LOCAL_API_SCOPE,
  type LocalIdentity,
  startLocalIdentity,
} from "@orders/local-identity";
import { authorizerEnv } from "@orders/local-identity/local-authorizer";
import { findFreePort, isListening } from "@orders/local-postgres";
import type { RelaySession } from "@orders/proxy-check";
import pTimeout from "p-timeout";
import type { ChildExit, ChildService } from "./child-service";
import { linePrefix } from "./line-prefixer";
import { prepareLocalDatabase } from "./local-database";
import { missingPoolerNotice } from "./pooler-notice";
import { missingFiles, type PlanInput, type ServiceSpec, servicePlan } from "./service-plan";
import type { StackConfig } from "./stack-config";
import { startService } from "./start-service";

/** Longest wait for one part of the stack to stop (children get 10 s before SIGKILL, plus slack). */
const CLEANUP_TIMEOUT_MS = 20_000;

export interface LocalStackOptions {
  config: StackConfig;
  /** Output sink for the stack's and the children's lines (default: stdout). */
  write?: (line: string) => void;
  /** Coloured prefixes (default: when stdout is a terminal). */
  colour?: boolean;
  /** Application database name (default `orders`); tests pass their own when sharing a server. */
  database?: string;
  /** How long a service may take to start listening (default 60 s: tsx compiles on first start). */
  startTimeoutMs?: number;
  /** Replaces the service list (tests use it to start a service that crashes). */
  plan?: (input: PlanInput) => ServiceSpec[];
}

/** A demo user of the local provider, printed by the banner. */
export interface DemoUser {
  subject: string;
  password: string;
  staff: boolean;
}

export interface LocalStack {
  apiUrl?: string;
  reportingUrl?: string;
  /** The local OpenID provider: its issuer, client and users (the token command adds more). */
  identity: Pick<LocalIdentity, "issuer" | "clientId" | "audience" | "accounts">;
  demoUsers: DemoUser[];
  sqsEndpoint: string;
  queues: OrderQueues;
  /** Owner URL of the application database. */
  databaseUrl: string;
  /** The services' path to PostgreSQL, hop by hop (the pinning check stands where RDS Proxy does). */
  databaseChain: string;
  /** What the chain lacks on this machine and how to add it (PgBouncer); empty when it is complete. */
  databaseNotice: string[];
  /** Sessions that would have pinned at RDS Proxy so far, with the statement that pinned each. */
  pinnedSessions(): RelaySession[];
  started: string[];
  skipped: string[];
  /** Settles when a service exits without being asked to: the stack is then incomplete. */
  unexpectedExit: Promise<{ name: string; exit: ChildExit }>;
  /** Stops the services (API first, so nothing new is queued), the emulator, then PostgreSQL. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the whole platform locally: PostgreSQL (migrated, seeded, one password per service role), the SQS
 * emulator with the orders queue and its DLQ, then one child process per service, each with its own
 * environment (its own role's DATABASE_URL, the queue URLs, the emulator endpoint). If any step fails, what
 * was already started is stopped again before the error is thrown.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const colour = options.colour ?? process.stdout.isTTY === true;
  const stackPrefix = linePrefix("stack", 0, colour);
  const log = (message: string) => write(`${stackPrefix} ${message}`);
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;

  const cleanups: { name: string; run: () => Promise<void> }[] = [];
  let stopping = false;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopping = true;
    stopped ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await withTimeout(cleanup.run(), CLEANUP_TIMEOUT_MS, `${cleanup.name} did not stop in time`);
        } catch (error) {
          log(`stopping ${cleanup.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return stopped;
  };

  let reportUnexpectedExit: (value: { name: string; exit: ChildExit }) => void = () => {};
  const unexpectedExit = new Promise<{ name: string; exit: ChildExit }>((resolve) => {
    reportUnexpectedExit = resolve;
  });

  try {
    log("starting PostgreSQL (migrations, demo catalogue, service role passwords)");
    const database = await prepareLocalDatabase(options.database ? { database: options.database } : {});
    cleanups.push({
      name: "PostgreSQL",
      run: async () => {
        // The services have stopped by now: every session they opened is in the report.
        log(database.chain.report());
        await database.stop();
      },
    });
    log(
      database.embedded
        ? `PostgreSQL 17 (embedded) on 127.0.0.1:${database.port}`
        : `using the PostgreSQL at DATABASE_URL (port ${database.port})`,
    );
    log(`database path: ${database.chain.describe()}`);
    const databaseNotice = missingPoolerNotice(database.chain.withoutPooler);
    for (const line of databaseNotice) log(`WARNING: ${line}`);

    if (options.config.sqsPort !== 0 && (await isListening(options.config.sqsPort))) {
      throw new Error(
        `port ${options.config.sqsPort} for the SQS emulator is already in use (set LOCAL_SQS_PORT)`,
      );
    }
    const sqs = await startLocalSqs({ port: options.config.sqsPort });
    cleanups.push({ name: "SQS emulator", run: () => sqs.stop() });
    const client = sqs.client();
    const created = await createOrderQueues(client).finally(() => client.destroy());
    const queues: OrderQueues = {
      ...created,
      queueUrl: sqs.reachableQueueUrl(created.queueUrl),
      deadLetterQueueUrl: sqs.reachableQueueUrl(created.deadLetterQueueUrl),
    };
    log(`SQS emulator (fauxqs) on ${sqs.endpoint}: ${queues.queueUrl} (DLQ ${queues.deadLetterQueueUrl})`);

    const identity = await startIdentity(options.config);
    cleanups.push({
      name: "OpenID provider",
      run: async () => {
        await identity.close();
        await rm(dirname(identity.accounts.file), { recursive: true, force: true });
      },
    });
    // Fresh passwords on every start; the banner prints them.
    const demoUsers: DemoUser[] = [];
    for (const [subject, staff] of [
      ["c-1", false],
      ["staff-1", true],
    ] as const) {
      const { password } = await identity.accounts.ensure(subject, staff);
      demoUsers.push({ subject, password, staff });
    }
    log(`OpenID provider (oidc-provider) at ${identity.issuer}`);

    const { DATABASE_URL: _superuserUrl, ...inherited } = process.env;
    const shared: Record<string, string | undefined> = {
      ...inherited,
      ...sqs.env(),
      // Both servers put the local JWT authorizer where API Gateway's stands; the dashboard signs in here.
      ...authorizerEnv(identity),
      SIGN_IN_AUTHORIZE_URL: `${identity.issuer}/auth`,
      SIGN_IN_TOKEN_URL: `${identity.issuer}/token`,
      SIGN_IN_CLIENT_ID: identity.clientId,
      SIGN_IN_SCOPE: `openid ${LOCAL_API_SCOPE}`,
      // "Sign out" ends the provider's session (RP-Initiated Logout), so the next sign-in asks again.
      SIGN_IN_LOGOUT_URL: identity.endSessionUrl,
      ORDERS_QUEUE_URL: queues.queueUrl,
      ORDERS_DLQ_URL: queues.deadLetterQueueUrl,
      // Metrics print as the EMF lines CloudWatch would read (POWERTOOLS_METRICS_DISABLED=true hides them).
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? "false",
    };

    const plan = (options.plan ?? servicePlan)(options.config);
    const started: ChildService[] = [];
    const skipped: string[] = [];
    // Stopped in start order: the API first (no new orders), then the worker drains, then reporting.
    cleanups.push({
      name: "services",
      run: async () => {
        for (const child of started) {
          const exit = await child.stop();
          if (exit.code !== 0 && exit.code !== null) log(`${child.name} exited with code ${exit.code}`);
        }
      },
    });

    const runnable: { spec: ServiceSpec; index: number }[] = [];
    for (const [index, spec] of plan.entries()) {
      const missing = missingFiles(spec);
      if (missing.length > 0) {
        log(`WARNING: skipping ${spec.name}: ${missing.join(", ")} does not exist yet`);
        skipped.push(spec.name);
        continue;
      }
      if (spec.port !== undefined && (await isListening(spec.port))) {
        throw new Error(
          `port ${spec.port} for ${spec.name} is already in use (set ${spec.portVariable ?? "another port"})`,
        );
      }
      runnable.push({ spec, index });
    }
    // Started side by side (each spends its first seconds compiling TypeScript); `started` keeps plan order,
    // because every child is spawned before the first await.
    await Promise.all(
      runnable.map(async ({ spec, index }) => {
        const child = await startService(spec, {
          env: {
            ...shared,
            ...spec.env,
            DATABASE_URL: database.serviceUrl(spec.role),
            ...Object.fromEntries(
              Object.entries(spec.moreRoles ?? {}).map(([name, role]) => [name, database.serviceUrl(role)]),
            ),
          },
          prefix: linePrefix(spec.name, index + 1, colour),
          write,
          timeoutMs: startTimeoutMs,
          onCreated: (created) => started.push(created),
        });
        child.exited.then((exit) => {
          if (!stopping) reportUnexpectedExit({ name: spec.name, exit });
        });
        log(`${spec.name} started (pid ${child.pid})`);
      }),
    );

    const apiPort = plan.find((s) => s.name === "api")?.port;
    const reportingPort = plan.find((s) => s.name === "reporting")?.port;
    return {
      ...(skipped.includes("api") ? {} : { apiUrl: `http://localhost:${apiPort}` }),
      ...(skipped.includes("reporting") ? {} : { reportingUrl: `http://localhost:${reportingPort}` }),
      identity,
      demoUsers,
      sqsEndpoint: sqs.endpoint,
      queues,
      databaseUrl: database.adminUrl,
      databaseChain: database.chain.describe(),
      databaseNotice,
      pinnedSessions: () => database.chain.pinnedSessions(),
      started: started.map((c) => c.name),
      skipped,
      unexpectedExit,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The local OpenID provider on the configured port (a free one for 0), starting from no users, with the
 * dashboard's page (by both local host names) as the client's redirect URIs.
 */
async function startIdentity(config: StackConfig): Promise<LocalIdentity> {
  const port = config.identityPort === 0 ? await findFreePort() : config.identityPort;
  if (await isListening(port))
    throw new Error(`port ${port} for the OpenID provider is already in use (set IDENTITY_PORT)`);
  const accountsFile = accountsFileFor(port);
  await rm(dirname(accountsFile), { recursive: true, force: true });
  return startLocalIdentity({
    port,
    accountsFile,
    redirectUris: [`http://localhost:${config.reportingPort}/`, `http://127.0.0.1:${config.reportingPort}/`],
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return pTimeout(promise, { milliseconds: ms, message });
}
