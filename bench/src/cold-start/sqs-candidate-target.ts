/**
 * What every SQS-client candidate of the cold-start benchmark sends on its first invocation, and where:
 * the orders queue from ORDERS_QUEUE_URL, through the endpoint, region and credentials of the environment
 * (the emulator's, here), one message with the api's two attributes. Read on the first call, not at import.
 */
export function candidateTarget(env: Record<string, string | undefined> = process.env) {
  const region = env.AWS_REGION ?? "us-east-1";
  return {
    region,
    endpoint: env.AWS_ENDPOINT_URL_SQS ?? `https://sqs.${region}.amazonaws.com`,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? "",
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "",
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    request: {
      QueueUrl: env.ORDERS_QUEUE_URL ?? "",
      MessageBody: JSON.stringify({ coldStart: true }),
      MessageAttributes: {
        correlationId: { DataType: "String", StringValue: "cold-start" },
        schemaVersion: { DataType: "Number", StringValue: "1" },
      },
    },
  };
}

/** The JSON-protocol headers of SendMessage. */
export const sendMessageHeaders = {
  "content-type": "application/x-amz-json-1.0",
  "x-amz-target": "AmazonSQS.SendMessage",
};

/** A Lambda-style answer: 200 when SQS took the message, its status otherwise. */
export function answer(status: number) {
  return { statusCode: status, body: "" };
}
