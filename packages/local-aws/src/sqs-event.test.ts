import { describe, expect, it } from "vitest";
import { toSqsEvent } from "./sqs-event";

const source = { queueArn: "arn:aws:sqs:eu-west-1:000000000000:orders", region: "eu-west-1" };

describe("toSqsEvent", () => {
  it("shapes messages as Lambda's SQS records, binary attributes in base64", () => {
    const event = toSqsEvent(
      [
        {
          MessageId: "m-1",
          ReceiptHandle: "r-1",
          Body: "{}",
          MD5OfBody: "99914b932bd37a50b983c5e7c90ae93b",
          Attributes: {
            ApproximateReceiveCount: "3",
            SentTimestamp: "1700000000000",
            SenderId: "000000000000",
            ApproximateFirstReceiveTimestamp: "1700000000001",
            AWSTraceHeader: "Root=1-abc",
          },
          MessageAttributes: { raw: { DataType: "Binary", BinaryValue: new Uint8Array([104, 105]) } },
        },
      ],
      source,
    );
    expect(event.Records).toEqual([
      {
        messageId: "m-1",
        receiptHandle: "r-1",
        body: "{}",
        attributes: {
          ApproximateReceiveCount: "3",
          SentTimestamp: "1700000000000",
          SenderId: "000000000000",
          ApproximateFirstReceiveTimestamp: "1700000000001",
          AWSTraceHeader: "Root=1-abc",
        },
        messageAttributes: {
          raw: { dataType: "Binary", binaryValue: "aGk=", stringListValues: [], binaryListValues: [] },
        },
        md5OfBody: "99914b932bd37a50b983c5e7c90ae93b",
        eventSource: "aws:sqs",
        eventSourceARN: source.queueArn,
        awsRegion: "eu-west-1",
      },
    ]);
  });

  it("refuses a message without the ids the mapping needs to delete it", () => {
    expect(() => toSqsEvent([{ Body: "x" }], source)).toThrow(/MessageId/);
  });
});
