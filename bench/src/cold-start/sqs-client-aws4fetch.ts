import { AwsClient } from "aws4fetch";
import { answer, candidateTarget, sendMessageHeaders } from "./sqs-candidate-target";

/** A reference: aws4fetch's AwsClient at module scope (nothing read yet), one SendMessage per invocation. */
let client: AwsClient | undefined;

export const handler = async () => {
  const target = candidateTarget();
  client ??= new AwsClient({ ...target.credentials, service: "sqs", region: target.region, retries: 2 });
  const response = await client.fetch(`${target.endpoint}/`, {
    method: "POST",
    headers: sendMessageHeaders,
    body: JSON.stringify(target.request),
  });
  await response.arrayBuffer();
  return answer(response.status);
};
