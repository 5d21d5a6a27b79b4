/**
 * The program a fresh `node` process runs for one cold start: import the bundle (Lambda's init phase), note
 * what the import left open (sockets, timers: work that could have waited for the first invocation), then
 * invoke the handler once. Times are from process start (`performance.now()`), as Lambda's Init Duration
 * also counts the runtime's own start. Plain JavaScript: it runs beside the bundle, outside this workspace.
 */
export const driverSource = `
const [bundle, eventJson] = process.argv.slice(2);
const importStarted = performance.now();
const { handler } = await import(bundle);
const ready = performance.now();
const handles = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "PipeWrap");
const context = {
  functionName: "bench", functionVersion: "$LATEST", awsRequestId: "bench-request", memoryLimitInMB: "1024",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:bench", logGroupName: "bench",
  logStreamName: "bench", callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 30000,
};
let outcome = "not invoked";
let invokeMs = 0;
if (eventJson !== "none") {
  const started = performance.now();
  try {
    const result = await handler(JSON.parse(eventJson), context);
    outcome = typeof result?.statusCode === "number" ? "HTTP " + result.statusCode
      : Array.isArray(result?.batchItemFailures) ? result.batchItemFailures.length + " batch item failures"
      : "ok";
  } catch (error) {
    outcome = "threw " + (error?.name ?? "") + ": " + String(error?.message ?? error).slice(0, 120);
  }
  invokeMs = performance.now() - started;
}
console.log("@@cold-start " + JSON.stringify({ initMs: ready, importMs: ready - importStarted, invokeMs, outcome, handles }));
process.exit(0);
`;
