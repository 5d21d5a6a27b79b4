import { describe, expect, it } from "vitest";
import { lambdaTraceHeader } from "./trace-header";

describe("lambdaTraceHeader", () => {
  const trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  it("is the invocation's _X_AMZN_TRACE_ID inside Lambda", () => {
    expect(lambdaTraceHeader({ AWS_LAMBDA_FUNCTION_NAME: "api", _X_AMZN_TRACE_ID: trace })).toBe(trace);
  });

  it("is absent outside Lambda or without a trace, as the AWS SDK does", () => {
    expect(lambdaTraceHeader({ _X_AMZN_TRACE_ID: trace })).toBeUndefined();
    expect(lambdaTraceHeader({ AWS_LAMBDA_FUNCTION_NAME: "api", _X_AMZN_TRACE_ID: "" })).toBeUndefined();
    expect(lambdaTraceHeader({ AWS_LAMBDA_FUNCTION_NAME: "api" })).toBeUndefined();
  });
});
