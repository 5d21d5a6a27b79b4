import { Hash } from "@smithy/hash-node";
import { getCanonicalHeaders, getPayloadHash, SignatureV4 } from "@smithy/signature-v4";
import type { HttpRequest } from "@smithy/types";
import { describe, expect, it } from "vitest";
import type { SqsConnection } from "./sqs-connection";
import { sqsRequestSigner } from "./sqs-request-signer";

/** The AWS SDK's own signer, with its canonical request made visible (a protected method). */
class SdkSigner extends SignatureV4 {
  async canonicalRequest(request: HttpRequest, unsignable: Set<string>): Promise<string> {
    const headers = getCanonicalHeaders(request, unsignable);
    return this.createCanonicalRequest(request, headers, await getPayloadHash(request, this.sha256));
  }
}

const connection: SqsConnection = {
  endpoint: "https://sqs.eu-west-1.amazonaws.com",
  region: "eu-west-1",
  credentials: {
    // AWS's documented example key pair, and a made-up session token.
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//session+token=",
  },
};
const body = JSON.stringify({
  QueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/orders",
  MessageBody: '{"orderId":"ü ☃ \\"quoted\\""}',
  MessageAttributes: { correlationId: { DataType: "String", StringValue: "req-1" } },
});
const datetime = "20261130T061500Z";

describe("SQS request signing", () => {
  it("gives the same canonical request and signature as the AWS SDK's signer", async () => {
    const ours = sqsRequestSigner(connection, "SendMessage", body, datetime);
    const signed = await ours.sign();

    const sdk = new SdkSigner({
      service: "sqs",
      region: connection.region,
      credentials: connection.credentials,
      sha256: Hash.bind(null, "sha256"),
      // SQS's SDK client does not send x-amz-content-sha256; neither do we.
      applyChecksum: false,
    });
    const request: HttpRequest = {
      method: "POST",
      protocol: "https:",
      hostname: "sqs.eu-west-1.amazonaws.com",
      path: "/",
      query: {},
      headers: {
        host: "sqs.eu-west-1.amazonaws.com",
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AmazonSQS.SendMessage",
      },
      body,
    };
    // Both sign only what SigV4 requires plus x-amz-target: content-type is left out by aws4fetch, and the
    // SDK is told the same, so the comparison is of the algorithm, not of a header choice.
    const unsignable = new Set(["content-type"]);
    const signingDate = new Date("2026-11-30T06:15:00Z");
    const theirs = await sdk.sign(request, { signingDate, unsignableHeaders: unsignable });

    expect(await ours.canonicalString()).toBe(await sdk.canonicalRequest(theirs as HttpRequest, unsignable));
    expect(signed.headers.get("authorization")).toBe(theirs.headers.authorization);
    expect(signed.headers.get("x-amz-date")).toBe(theirs.headers["x-amz-date"]);
    expect(signed.headers.get("x-amz-security-token")).toBe(connection.credentials.sessionToken);
    expect(signed.headers.get("authorization")).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20261130\/eu-west-1\/sqs\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
  });

  it("changes the signature when the body, the time or the secret changes", async () => {
    const signature = async (c: SqsConnection, b: string, t: string) =>
      (await sqsRequestSigner(c, "SendMessage", b, t).sign()).headers.get("authorization");
    const base = await signature(connection, body, datetime);
    expect(await signature(connection, `${body} `, datetime)).not.toBe(base);
    expect(await signature(connection, body, "20261130T061501Z")).not.toBe(base);
    const otherSecret = {
      ...connection,
      credentials: { ...connection.credentials, secretAccessKey: "other" },
    };
    expect(await signature(otherSecret, body, datetime)).not.toBe(base);
  });
});
