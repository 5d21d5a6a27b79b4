import type { LocalStack } from "./local-stack";

/** What the stack prints once it is up: where everything is and a request to paste. */
export function readyBanner(
  stack: Pick<
    LocalStack,
    | "apiUrl"
    | "reportingUrl"
    | "sqsEndpoint"
    | "queues"
    | "skipped"
    | "databaseChain"
    | "databaseNotice"
    | "demoUsers"
  > & {
    identity: { issuer: string };
  },
): string {
  const lines = ["", "Local stack is up."];
  if (stack.apiUrl) {
    lines.push(
      `  API        ${stack.apiUrl}`,
      `  API docs   ${stack.apiUrl}/docs  (OpenAPI: ${stack.apiUrl}/openapi.json)`,
    );
  }
  if (stack.reportingUrl)
    lines.push(`  Reporting  ${stack.reportingUrl}/  (daily sales dashboard, sign in as staff)`);
  lines.push(`  Sign-in    ${stack.identity.issuer}  (local OpenID provider)`);
  for (const user of stack.demoUsers) {
    lines.push(`             ${user.staff ? "staff   " : "customer"} ${user.subject} / ${user.password}`);
  }
  lines.push(
    `  SQS        ${stack.sqsEndpoint}  (fauxqs)`,
    `             orders ${stack.queues.queueUrl}`,
    `             DLQ    ${stack.queues.deadLetterQueueUrl}`,
    `  Database   ${stack.databaseChain}`,
    ...stack.databaseNotice.map((line) => `             ${line}`),
    "             (on Ctrl-C: how many sessions would have pinned at RDS Proxy, and the statement that pinned each)",
  );
  if (stack.skipped.length > 0) lines.push(`  Not started (entry file missing): ${stack.skipped.join(", ")}`);
  if (stack.apiUrl) {
    lines.push(
      "",
      "Get a token, place an order as that customer, then read it once the worker has processed it:",
      "  TOKEN=$(npm run -s token -- --sub c-1)",
      `  curl -si -X POST ${stack.apiUrl}/orders -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `    -H 'idempotency-key: demo-1' -d '{"items":[{"sku":"KB-001","quantity":2},{"sku":"LE-011","quantity":1}]}'`,
      `  curl -s ${stack.apiUrl}/orders/<orderId from the answer> -H "authorization: Bearer $TOKEN"`,
    );
  }
  lines.push(
    "",
    "Move dead letters back to the orders queue: npm run redrive.  Stop everything: Ctrl-C.",
    "",
  );
  return lines.join("\n");
}
