import awsLite from "@aws-lite/client";
import { answer, candidateTarget, sendMessageHeaders } from "./sqs-candidate-target";

/**
 * A reference: @aws-lite/client, created on the first invocation (its factory is async and reads the
 * environment), sending SendMessage over the JSON protocol. Its SQS plugin is not used: @aws-lite/sqs 0.2.4
 * sends SendMessage over the older query protocol, without flattening message attributes.
 */
let client: Awaited<ReturnType<typeof awsLite>> | undefined;

export const handler = async () => {
  const target = candidateTarget();
  client ??= await awsLite({
    ...target.credentials,
    region: target.region,
    endpoint: target.endpoint,
    autoloadPlugins: false,
    awsConfigFile: false,
  });
  const result = await client({
    service: "sqs",
    method: "POST",
    path: "/",
    headers: sendMessageHeaders,
    awsjson: false,
    payload: target.request,
  });
  return answer(result.statusCode);
};
