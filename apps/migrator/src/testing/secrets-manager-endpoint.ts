import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** What a secret holds: a string, or (for the refusal tests) only a binary value, base64-encoded. */
export type StoredSecret = { SecretString: string } | { SecretBinary: string };

export interface SecretsManagerEndpoint {
  /** `http://127.0.0.1:<port>`: the SDK client's `endpoint`, or AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  url: string;
  secrets: Map<string, StoredSecret>;
  /** Every request received: its `X-Amz-Target`, the secret asked for, and whether it was SigV4-signed. */
  requests: { target: string; secretId: string; signed: boolean }[];
  close(): Promise<void>;
}

/**
 * A local endpoint answering the Secrets Manager JSON protocol the SDK speaks ("GetSecretValue", AWS Secrets
 * Manager API Reference): a POST with `X-Amz-Target: secretsmanager.GetSecretValue` and `{"SecretId"}`,
 * answered with the secret's `SecretString` or `SecretBinary`, or a `ResourceNotFoundException`. The real SDK
 * client talks to it, through the same request building, signing and response parsing as in AWS.
 * Listens on 127.0.0.1, on a free port.
 */
export async function startSecretsManagerEndpoint(): Promise<SecretsManagerEndpoint> {
  const secrets = new Map<string, StoredSecret>();
  const requests: SecretsManagerEndpoint["requests"] = [];
  const server = createServer(async (request, response) => {
    const { SecretId } = JSON.parse(await body(request)) as { SecretId: string };
    const target = String(request.headers["x-amz-target"]);
    const signed = String(request.headers.authorization).startsWith("AWS4-HMAC-SHA256 ");
    requests.push({ target, secretId: SecretId, signed });
    const secret = secrets.get(SecretId);
    response.setHeader("content-type", "application/x-amz-json-1.1");
    if (target !== "secretsmanager.GetSecretValue" || !secret) {
      response.statusCode = 400;
      response.end(
        JSON.stringify({
          __type: "ResourceNotFoundException",
          message: "Secrets Manager can't find the specified secret.",
        }),
      );
      return;
    }
    response.end(JSON.stringify({ ARN: `arn:aws:secretsmanager:eu-west-1:1:secret:${SecretId}`, ...secret }));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    requests,
    close: async () => {
      server.close();
      await once(server, "close");
    },
  };
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
