import { Signer } from "@aws-sdk/rds-signer";
import type { AwsCredentialIdentity } from "@smithy/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createIamTokenProvider } from "./iam-token";

const T0 = Date.parse("2026-11-28T10:00:00Z");
const staticCredentials: AwsCredentialIdentity = {
  accessKeyId: "AKIAEXAMPLEFAKE00001",
  secretAccessKey: "fake-secret-access-key-for-tests-only",
};

function parseToken(token: string) {
  // A token is a presigned URL without its scheme: host:port/?Action=connect&...
  const url = new URL(`https://${token}`);
  return { host: url.hostname, port: url.port, params: Object.fromEntries(url.searchParams) };
}

const base = {
  hostname: "orders-proxy.proxy-abc123.eu-west-1.rds.amazonaws.com",
  port: 5432,
  username: "orders_worker",
  region: "eu-west-1",
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe("IAM auth token", () => {
  it("is a SigV4-presigned connect URL for the proxy host, port and the service's user, valid 900 s", async () => {
    const token = await createIamTokenProvider({ ...base, credentials: async () => staticCredentials })();
    const { host, port, params } = parseToken(token);
    expect(host).toBe(base.hostname);
    expect(port).toBe("5432");
    expect(params.Action).toBe("connect");
    expect(params.DBUser).toBe("orders_worker");
    expect(params["X-Amz-Expires"]).toBe("900");
    expect(params["X-Amz-Algorithm"]).toBe("AWS4-HMAC-SHA256");
    expect(params["X-Amz-Credential"]).toBe("AKIAEXAMPLEFAKE00001/20261128/eu-west-1/rds-db/aws4_request");
    expect(params["X-Amz-Date"]).toBe("20261128T100000Z");
    expect(params["X-Amz-Signature"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is exactly the token @aws-sdk/rds-signer's Signer gives for the same target, credentials and time", async () => {
    for (const credentials of [
      staticCredentials,
      { ...staticCredentials, sessionToken: "session/token+=" },
    ]) {
      const ours = await createIamTokenProvider({ ...base, credentials: async () => credentials })();
      const reference = await new Signer({ ...base, credentials }).getAuthToken();
      expect(ours).toBe(reference);
    }
  });

  it("is reused until the refresh margin before expiry, then signed anew", async () => {
    const credentials = vi.fn(async () => staticCredentials);
    const token = createIamTokenProvider({ ...base, credentials, refreshMarginSeconds: 300 });
    const first = await token();

    vi.setSystemTime(T0 + 9 * 60_000 + 59_000); // 9:59 in: still 5+ minutes left
    expect(await token()).toBe(first);

    vi.setSystemTime(T0 + 10 * 60_000); // 10:00 in: inside the 5-minute margin
    const second = await token();
    expect(second).not.toBe(first);
    expect(parseToken(second).params["X-Amz-Date"]).toBe("20261128T101000Z");
    expect(await token()).toBe(second);
  });

  it("is signed anew as soon as the signing credentials change", async () => {
    let current = staticCredentials;
    const token = createIamTokenProvider({ ...base, credentials: async () => current });
    const first = await token();
    current = { ...staticCredentials, accessKeyId: "AKIAEXAMPLEFAKE00002", sessionToken: "rotated" };
    const second = await token();
    expect(second).not.toBe(first);
    expect(parseToken(second).params["X-Amz-Credential"]).toMatch(/^AKIAEXAMPLEFAKE00002\//);
    expect(parseToken(second).params["X-Amz-Security-Token"]).toBe("rotated");
  });

  it("never outlives the credentials that signed it", async () => {
    const shortLived = { ...staticCredentials, sessionToken: "s", expiration: new Date(T0 + 8 * 60_000) };
    const token = createIamTokenProvider({
      ...base,
      credentials: async () => shortLived,
      refreshMarginSeconds: 300,
    });
    const first = await token();
    vi.setSystemTime(T0 + 2 * 60_000); // 6 min of credential life left: fine
    expect(await token()).toBe(first);
    vi.setSystemTime(T0 + 3 * 60_000 + 1); // under 5 min of credential life left: refresh
    expect(await token()).not.toBe(first);
  });

  it("signs once for concurrent connects", async () => {
    const credentials = vi.fn(async () => staticCredentials);
    const token = createIamTokenProvider({ ...base, credentials });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => token()));
    expect(new Set(tokens).size).toBe(1);
    expect(credentials).toHaveBeenCalledTimes(1);
  });
});
