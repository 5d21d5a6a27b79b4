import { SQSClient } from "@aws-sdk/client-sqs";

/**
 * The SQS client the reporting service reads queue depths with: one per container, built once at start-up
 * (`AWS_ENDPOINT_URL_SQS`, or `endpoint` for a test relay, points it at a local emulator). Its
 * request-handler options are given explicitly: with the default handler the SDK starts reading its shared
 * config files at construction, I/O that would be left pending by the import. Short timeouts: the dashboard
 * is waiting.
 *
 * @example
 * const sqs = reportingSqsClient();
 */
export function reportingSqsClient(endpoint?: string): SQSClient {
  return new SQSClient({
    ...(endpoint ? { endpoint } : {}),
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
  });
}
