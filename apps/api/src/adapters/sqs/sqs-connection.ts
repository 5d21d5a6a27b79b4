import { ApiConfigError } from "../config-error";

/** Where and as whom the API talks to SQS. */
export interface SqsConnection {
  /** The SQS endpoint requests are POSTed to, e.g. `https://sqs.eu-west-1.amazonaws.com`. */
  endpoint: string;
  region: string;
  credentials: SqsCredentials;
}

export interface SqsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials (always, in Lambda). */
  sessionToken?: string;
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Reads the connection from the environment, as the AWS SDK would, failing at start-up naming what is missing.
 *
 * - Credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, which Lambda sets from the
 *   function's execution role ("Defined runtime environment variables",
 *   https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime);
 *   locally the emulator's dummy values. Read once: Lambda's role credentials outlive the container.
 * - Region: `AWS_REGION` (set by Lambda), else `AWS_DEFAULT_REGION`.
 * - Endpoint: `AWS_ENDPOINT_URL_SQS`, else `AWS_ENDPOINT_URL` ("Service-specific endpoints",
 *   https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), else SQS's regional endpoint
 *   `https://sqs.<region>.amazonaws.com` ("Amazon SQS endpoints and quotas",
 *   https://docs.aws.amazon.com/general/latest/gr/sqs-service.html). Plain HTTP only to this machine (an
 *   emulator); anything else must be HTTPS.
 */
export function sqsConnectionFromEnv(env: Record<string, string | undefined> = process.env): SqsConnection {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) throw new ApiConfigError("AWS_REGION is not set (the region of the orders queue)");
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new ApiConfigError("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set (credentials for SQS)");
  }
  const endpoint = env.AWS_ENDPOINT_URL_SQS || env.AWS_ENDPOINT_URL || `https://sqs.${region}.amazonaws.com`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ApiConfigError(`The SQS endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackHosts.has(url.hostname))) {
    throw new ApiConfigError(
      `The SQS endpoint ${url.origin} must use HTTPS (plain HTTP only to a local emulator)`,
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  return {
    endpoint: url.origin,
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  };
}
