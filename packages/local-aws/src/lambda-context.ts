import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

export interface LocalContextOptions {
  functionName: string;
  timeoutMs: number;
  region: string;
  memoryMb?: number;
}

/**
 * A Lambda invocation context for a local call: Powertools' logger and metrics read the function name and
 * request id from it, and handlers may budget their work with `getRemainingTimeInMillis()`.
 */
export function localLambdaContext(options: LocalContextOptions): Context {
  const deadline = Date.now() + options.timeoutMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${options.region}:000000000000:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb ?? 1024),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
