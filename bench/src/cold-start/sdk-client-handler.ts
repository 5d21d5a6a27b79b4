import { SQSClient } from "@aws-sdk/client-sqs";

/**
 * A reference, not a platform function: an AWS SDK client created at module scope (as every function that
 * talks to AWS must) and nothing else. Its init is the floor under any such handler's.
 */
const sqs = new SQSClient({});

export const handler = async () => ({ statusCode: 200, body: typeof sqs.send });
