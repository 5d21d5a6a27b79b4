import { SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";

/** Region the local stack pretends to run in (only used in ARNs and for request signing). */
export const localRegion = "us-east-1";

/** Credentials for the emulator, which checks none; real-looking values keep the SDK's signer happy. */
const localCredentials = { accessKeyId: "local", secretAccessKey: "local" } as const;

export interface LocalSqs {
  /** `http://127.0.0.1:<port>`: what `AWS_ENDPOINT_URL_SQS` should be for clients of this emulator. */
  endpoint: string;
  region: string;
  /** A client for this emulator (the caller owns it; `destroy()` it when done). */
  client(): SQSClient;
  /** Environment that makes a plain `new SQSClient({})` in another process talk to this emulator. */
  env(): Record<string, string>;
  /** The queue URL to hand to other processes (see {@link reachableQueueUrl}). */
  reachableQueueUrl(queueUrl: string): string;
  stop(): Promise<void>;
}

export interface StartLocalSqsOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  region?: string;
}

/**
 * Starts `fauxqs`, an in-process emulator of the SQS API (the real `@aws-sdk/client-sqs` talks to it), with
 * in-memory state, listening on 127.0.0.1 only: the emulator checks no credentials, so anyone who reaches it
 * could queue an order for any customer. Its `startFauxqs` always listens on every interface, so the
 * emulator's own app (`buildApp`, a Fastify instance) is started here instead. Clients are pointed at
 * 127.0.0.1 so nothing depends on how `localhost` or its `sqs.<region>.localhost` queue-URL host names resolve.
 */
export async function startLocalSqs(options: StartLocalSqsOptions = {}): Promise<LocalSqs> {
  const region = options.region ?? localRegion;
  const app = buildApp({ logger: false, defaultRegion: region });
  await app.listen({ port: options.port ?? 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the SQS emulator has no TCP address");
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    region,
    client: () => localSqsClient(endpoint, region),
    env: () => localSqsEnv(endpoint, region),
    reachableQueueUrl: (queueUrl) => reachableQueueUrl(endpoint, queueUrl),
    stop: () => app.close(),
  };
}

/** An SQS client for a local emulator at `endpoint`. */
export function localSqsClient(endpoint: string, region: string = localRegion): SQSClient {
  return new SQSClient({ endpoint, region, credentials: localCredentials });
}

/**
 * The environment the services' plain `new SQSClient({})` reads: the SDK takes `AWS_ENDPOINT_URL_SQS` as the
 * SQS endpoint, so application code has no local-only branch.
 */
export function localSqsEnv(endpoint: string, region: string = localRegion): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SQS: endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  };
}

/**
 * fauxqs names queues `http://sqs.<region>.localhost:<port>/<account>/<name>`. A client configured only through
 * `AWS_ENDPOINT_URL_SQS` (as the services are) sends requests to the queue URL's host, and
 * `sqs.<region>.localhost` does not resolve everywhere. The same queue at the endpoint's own origin works for
 * every client, so that is the URL the local stack hands out.
 */
export function reachableQueueUrl(endpoint: string, queueUrl: string): string {
  const { pathname } = new URL(queueUrl);
  return new URL(pathname, endpoint).toString();
}
