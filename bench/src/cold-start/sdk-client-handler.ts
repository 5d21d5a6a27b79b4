import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { answer, candidateTarget } from "./sqs-candidate-target";

/**
 * A reference, not a platform function: an AWS SDK client created at module scope (as every function that
 * talks to AWS must) and nothing else. Its init is the floor under any such handler's; its invocation sends
 * the one message every SQS-client candidate sends.
 */
const sqs = new SQSClient({});

export const handler = async () => {
  const result = await sqs.send(new SendMessageCommand(candidateTarget().request));
  return answer(result.$metadata.httpStatusCode ?? 0);
};
