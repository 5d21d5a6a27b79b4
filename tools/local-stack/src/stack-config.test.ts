import { describe, expect, it } from "vitest";
import { defaultSqsPort, StackConfigError, stackConfigFromEnv } from "./stack-config";

describe("stackConfigFromEnv", () => {
  it("uses the documented defaults", () => {
    expect(stackConfigFromEnv({})).toEqual({
      apiPort: 3000,
      reportingPort: 3001,
      sqsPort: defaultSqsPort,
      reportingScheduleSeconds: 60,
      identityPort: 3002,
    });
  });

  it("takes ports and the rollup schedule from the environment", () => {
    expect(
      stackConfigFromEnv({
        PORT: "8080",
        REPORTING_PORT: "8081",
        LOCAL_SQS_PORT: "0",
        REPORTING_SCHEDULE_SECONDS: "5",
        IDENTITY_PORT: "8082",
      }),
    ).toEqual({
      apiPort: 8080,
      reportingPort: 8081,
      sqsPort: 0,
      reportingScheduleSeconds: 5,
      identityPort: 8082,
    });
  });

  it("names the variable that is not a port", () => {
    expect(() => stackConfigFromEnv({ PORT: "http" })).toThrow(StackConfigError);
    expect(() => stackConfigFromEnv({ REPORTING_PORT: "70000" })).toThrow(/REPORTING_PORT/);
    expect(() => stackConfigFromEnv({ REPORTING_SCHEDULE_SECONDS: "0" })).toThrow(
      /REPORTING_SCHEDULE_SECONDS/,
    );
  });
});
