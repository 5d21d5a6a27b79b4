/**
 * The invocation's X-Ray trace header, as the AWS SDK passes it on every request it makes from a Lambda
 * function: `_X_AMZN_TRACE_ID` (Lambda sets it for each invocation), only inside Lambda
 * (`AWS_LAMBDA_FUNCTION_NAME`). SQS stores the header it receives on `SendMessage` as the message's
 * `AWSTraceHeader` system attribute, which carries the trace across the queue to the worker's records
 * ("Amazon SQS message system attributes" and "Tracing Amazon SQS requests using X-Ray" in the SQS and
 * X-Ray developer guides). Read per send: the value changes with every invocation.
 */
export function lambdaTraceHeader(env: Record<string, string | undefined> = process.env): string | undefined {
  const trace = env._X_AMZN_TRACE_ID;
  return env.AWS_LAMBDA_FUNCTION_NAME && trace ? trace : undefined;
}
