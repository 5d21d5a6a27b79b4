import { createHash, randomUUID } from "node:crypto";
import type { SQSEvent, SQSRecord } from "aws-lambda";

const queueArn = "arn:aws:sqs:eu-west-1:123456789012:orders";

/** An SQS record shaped like the ones Lambda's event-source mapping delivers. */
export function sqsRecord(body: string, receiveCount = 1): SQSRecord {
  const now = Date.now();
  return {
    messageId: randomUUID(),
    receiptHandle: `AQEB${randomUUID().replaceAll("-", "")}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(now - 1000),
      SenderId: "AIDAEXAMPLE",
      ApproximateFirstReceiveTimestamp: String(now),
    },
    messageAttributes: {},
    md5OfBody: createHash("md5").update(body).digest("hex"),
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: "eu-west-1",
  };
}

/** An SQS event holding the given records. */
export function sqsEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
