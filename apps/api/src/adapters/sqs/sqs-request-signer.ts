import { AwsV4Signer } from "aws4fetch";
import type { SqsConnection } from "./sqs-connection";

/**
 * The Signature Version 4 signer of one SQS JSON-protocol request (`POST /`, `X-Amz-Target: AmazonSQS.<op>`),
 * by aws4fetch. It signs `host`, `x-amz-date`, `x-amz-target` and, with temporary credentials,
 * `x-amz-security-token`; SigV4 requires only `host` and the `x-amz-*` headers to be signed.
 * `datetime` (`YYYYMMDDTHHMMSSZ`) fixes the signing time, for tests; the current time otherwise.
 *
 * "Create a signed AWS API request", https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export function sqsRequestSigner(
  connection: SqsConnection,
  operation: string,
  body: string,
  datetime?: string,
): AwsV4Signer {
  return new AwsV4Signer({
    method: "POST",
    url: `${connection.endpoint}/`,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `AmazonSQS.${operation}` },
    body,
    service: "sqs",
    region: connection.region,
    ...connection.credentials,
    ...(datetime ? { datetime } : {}),
  });
}
