import { describe, expect, it } from "vitest";
import { ApiConfigError } from "../config-error";
import { sqsConnectionFromEnv } from "./sqs-connection";

const lambdaEnv = {
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "ASIAEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_SESSION_TOKEN: "token",
};

describe("SQS connection from the environment", () => {
  it("takes Lambda's credentials and region, and SQS's regional HTTPS endpoint", () => {
    expect(sqsConnectionFromEnv(lambdaEnv)).toEqual({
      endpoint: "https://sqs.eu-west-1.amazonaws.com",
      region: "eu-west-1",
      credentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token" },
    });
  });

  it("takes the emulator's endpoint and long-term credentials locally", () => {
    const local = sqsConnectionFromEnv({
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_ENDPOINT_URL_SQS: "http://127.0.0.1:4566",
      AWS_ENDPOINT_URL: "http://127.0.0.1:9999",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_SESSION_TOKEN: "",
    });
    expect(local).toEqual({
      endpoint: "http://127.0.0.1:4566",
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    expect(
      sqsConnectionFromEnv({ ...lambdaEnv, AWS_ENDPOINT_URL: "https://vpce.example.com" }).endpoint,
    ).toBe("https://vpce.example.com");
  });

  it("fails at start-up naming what is missing or unsafe", () => {
    const { AWS_REGION: _r, ...noRegion } = lambdaEnv;
    expect(() => sqsConnectionFromEnv(noRegion)).toThrow(/AWS_REGION/);
    const { AWS_SECRET_ACCESS_KEY: _s, ...noSecret } = lambdaEnv;
    expect(() => sqsConnectionFromEnv(noSecret)).toThrow(/AWS_SECRET_ACCESS_KEY/);
    expect(() => sqsConnectionFromEnv({ ...lambdaEnv, AWS_ENDPOINT_URL_SQS: "not a url" })).toThrow(
      ApiConfigError,
    );
    expect(() =>
      sqsConnectionFromEnv({ ...lambdaEnv, AWS_ENDPOINT_URL_SQS: "http://sqs.example.com" }),
    ).toThrow(/must use HTTPS/);
  });
});
