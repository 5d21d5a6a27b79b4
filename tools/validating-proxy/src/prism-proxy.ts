import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface ValidatingProxy {
  /** Where the proxy listens (loopback). */
  url: string;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** The OpenAPI document, as a file path or a URL (a service's served `/openapi.json`). */
  document: string;
  /** The service the proxy forwards to. */
  upstream: string;
  /** How long Prism may take to load the document and listen; it takes about a second. */
  startTimeoutMs?: number;
}

/** Prism's command-line entry point, found in the installed package rather than on the PATH. */
function prismEntry(): string {
  const manifest = createRequire(import.meta.url).resolve("@stoplight/prism-cli/package.json");
  return join(dirname(manifest), "dist", "index.js");
}

const LISTENING = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Starts Stoplight Prism in proxy mode between a client and `upstream`, on a free loopback port. Every
 * request is forwarded as sent; Prism validates it and the answer against the document and lists what broke
 * in the answer's `sl-violations` header (read it with `violationsOf`). Without `--errors` it forwards a
 * request it finds invalid too, so one exchange gives both verdicts: the document's and the service's.
 *
 * @example
 * const proxy = await startValidatingProxy({ document: `${service}/openapi.json`, upstream: service });
 * const res = await fetch(`${proxy.url}/reports/queue`);
 */
export async function startValidatingProxy(options: ProxyOptions): Promise<ValidatingProxy> {
  const child = spawn(
    process.execPath,
    [prismEntry(), "proxy", options.document, options.upstream, "--host", "127.0.0.1", "--port", "0"],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`Prism did not listen within ${options.startTimeoutMs ?? 30_000} ms`),
      options.startTimeoutMs ?? 30_000,
    );
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${reason}:\n${output.slice(-2000)}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = LISTENING.exec(output);
      if (found?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("error", (error) => fail(`Prism could not start (${error.message})`));
    child.once("exit", (code, signal) => fail(`Prism exited before listening (${signal ?? code})`));
  });
  // Prism logs a line per request: drained, so a full pipe never stalls it.
  child.stdout?.on("data", () => {});
  child.stderr?.on("data", () => {});
  return { url, close: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
