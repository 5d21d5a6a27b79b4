// The subpath, not the package index: the index also brings postgres.js and the IAM signer, which
// load only on the first database read (see composition/runtime.ts).
import { type ConnectionConfig, connectionConfigFromEnv } from "@orders/db-client/config";
import { ApiConfigError } from "./config-error";
import { type SqsConnection, sqsConnectionFromEnv } from "./sqs/sqs-connection";

export { ApiConfigError } from "./config-error";

export interface ApiConfig {
  queueUrl: string;
  /** SQS endpoint, region and credentials. */
  sqs: SqsConnection;
  database: ConnectionConfig;
}

/**
 * Reads the API's configuration and fails at start-up, naming what is missing, rather than on the first
 * request. Pure: nothing connects here.
 */
export function readConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const queueUrl = env.ORDERS_QUEUE_URL;
  if (!queueUrl) throw new ApiConfigError("ORDERS_QUEUE_URL is not set (URL of the orders SQS queue)");
  return { queueUrl, sqs: sqsConnectionFromEnv(env), database: connectionConfigFromEnv(env) };
}
