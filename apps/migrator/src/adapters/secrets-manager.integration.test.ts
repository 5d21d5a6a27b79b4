import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { secretsManagerStore } from "./secrets-manager";

/**
 * A local endpoint answering the Secrets Manager JSON protocol the SDK speaks ("GetSecretValue", AWS Secrets
 * Manager API Reference): a POST with `X-Amz-Target: secretsmanager.GetSecretValue` and `{"SecretId"}`,
 * answered with `SecretString` or `SecretBinary`, or an error named by `__type`. The real SDK client talks to
 * it, so the adapter is exercised through the same request building, signing and response parsing as in AWS.
 */
const secrets = new Map<string, { SecretString?: string; SecretBinary?: string }>();
const requests: { target: string; secretId: string; signed: boolean }[] = [];
let server: Server;
let endpoint: string;

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const { SecretId } = JSON.parse(await body(request)) as { SecretId: string };
    const target = String(request.headers["x-amz-target"]);
    requests.push({
      target,
      secretId: SecretId,
      signed: String(request.headers.authorization).startsWith("AWS4-HMAC-SHA256 "),
    });
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
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
});

beforeEach(() => {
  secrets.clear();
  requests.length = 0;
});

function store() {
  let created = 0;
  const reader = secretsManagerStore(() => {
    created += 1;
    return new SecretsManagerClient({
      endpoint,
      region: "eu-west-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
  });
  return { reader, created: () => created };
}

describe("the Secrets Manager secret store", () => {
  it("reads a secret's string with one signed GetSecretValue, building its client on the first read", async () => {
    secrets.set("db-master", { SecretString: '{"username":"owner","password":"p-1"}' });
    const { reader, created } = store();
    expect(created()).toBe(0);
    expect(await reader.read("db-master")).toBe('{"username":"owner","password":"p-1"}');
    expect(requests).toEqual([
      { target: "secretsmanager.GetSecretValue", secretId: "db-master", signed: true },
    ]);
    expect(created()).toBe(1);
  });

  it("reads afresh every time, so a rotated password is what the next run sets", async () => {
    const { reader, created } = store();
    secrets.set("db-worker", { SecretString: "first" });
    expect(await reader.read("db-worker")).toBe("first");
    secrets.set("db-worker", { SecretString: "rotated" });
    expect(await reader.read("db-worker")).toBe("rotated");
    expect(requests).toHaveLength(2);
    expect(created()).toBe(1);
  });

  it("refuses a secret stored as binary, naming it", async () => {
    secrets.set("db-binary", { SecretBinary: Buffer.from("x").toString("base64") });
    await expect(store().reader.read("db-binary")).rejects.toThrow("secret db-binary has no string value");
  });

  it("passes on Secrets Manager's own error for a secret that does not exist", async () => {
    await expect(store().reader.read("db-missing")).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});
