import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type SecretsManagerEndpoint,
  startSecretsManagerEndpoint,
} from "../testing/secrets-manager-endpoint";
import { secretsManagerStore } from "./secrets-manager";

let endpoint: SecretsManagerEndpoint;

beforeAll(async () => {
  endpoint = await startSecretsManagerEndpoint();
});

afterAll(async () => {
  await endpoint?.close();
});

beforeEach(() => {
  endpoint.secrets.clear();
  endpoint.requests.length = 0;
});

function store() {
  let created = 0;
  const reader = secretsManagerStore(() => {
    created += 1;
    return new SecretsManagerClient({
      endpoint: endpoint.url,
      region: "eu-west-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
  });
  return { reader, created: () => created };
}

describe("the Secrets Manager secret store", () => {
  it("reads a secret's string with one signed GetSecretValue, building its client on the first read", async () => {
    endpoint.secrets.set("db-master", { SecretString: '{"username":"owner","password":"p-1"}' });
    const { reader, created } = store();
    expect(created()).toBe(0);
    expect(await reader.read("db-master")).toBe('{"username":"owner","password":"p-1"}');
    expect(endpoint.requests).toEqual([
      { target: "secretsmanager.GetSecretValue", secretId: "db-master", signed: true },
    ]);
    expect(created()).toBe(1);
  });

  it("reads afresh every time, so a rotated password is what the next run sets", async () => {
    const { reader, created } = store();
    endpoint.secrets.set("db-worker", { SecretString: "first" });
    expect(await reader.read("db-worker")).toBe("first");
    endpoint.secrets.set("db-worker", { SecretString: "rotated" });
    expect(await reader.read("db-worker")).toBe("rotated");
    expect(endpoint.requests).toHaveLength(2);
    expect(created()).toBe(1);
  });

  it("refuses a secret stored as binary, naming it", async () => {
    endpoint.secrets.set("db-binary", { SecretBinary: Buffer.from("x").toString("base64") });
    await expect(store().reader.read("db-binary")).rejects.toThrow("secret db-binary has no string value");
  });

  it("passes on Secrets Manager's own error for a secret that does not exist", async () => {
    await expect(store().reader.read("db-missing")).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});
