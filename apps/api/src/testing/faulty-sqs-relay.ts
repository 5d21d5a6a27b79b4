import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the relay does with one request:
 * - `pass`: forwards it to the emulator and returns the emulator's answer;
 * - `throttle`: answers as SQS does when it throttles (HTTP 400, `ThrottlingException`);
 * - a number: answers with that HTTP status and an `InternalFailure`/`ServiceUnavailable`-style body;
 * - `reset`: drops the connection without answering;
 * - `hang`: never answers (until the client gives up);
 * - `bad-md5`: forwards it, then alters the MD5 of the body in the emulator's answer (corruption in transit).
 */
export type RelayFault = "pass" | "throttle" | "reset" | "hang" | "bad-md5" | number;

export interface SeenRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FaultySqsRelay {
  /** `http://127.0.0.1:<port>`: the endpoint to give the sender instead of the emulator's. */
  endpoint: string;
  /** Faults for the next requests, in order; once used up, requests pass. */
  plan(...faults: RelayFault[]): void;
  /** Every request the relay received, in order. */
  readonly seen: SeenRequest[];
  /** Forgets the planned faults and the requests seen (between tests). */
  reset(): void;
  stop(): Promise<void>;
}

/**
 * A real HTTP server in front of the SQS emulator that injects the failures SQS and the network produce, so
 * the sender's retries are tested against sockets, not mocks.
 */
export async function startFaultySqsRelay(upstream: string): Promise<FaultySqsRelay> {
  const faults: RelayFault[] = [];
  const seen: SeenRequest[] = [];
  // Nagle off towards the sender, as every relay here forwards (fetch's own sockets already have it off).
  const server = createServer({ noDelay: true }, async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    seen.push({ headers: req.headers, body });
    const fault = faults.shift() ?? "pass";
    if (fault === "reset") return req.socket.destroy();
    if (fault === "hang") return;
    if (fault === "throttle") {
      return answer(res, 400, "ThrottlingException", "Rate exceeded");
    }
    if (typeof fault === "number") return answer(res, fault, "InternalFailure", "injected failure");
    const forwarded = await fetch(new URL(req.url ?? "/", upstream), {
      method: req.method ?? "POST",
      headers: {
        "content-type": String(req.headers["content-type"] ?? ""),
        "x-amz-target": String(req.headers["x-amz-target"] ?? ""),
      },
      body,
    });
    let text = await forwarded.text();
    if (fault === "bad-md5") {
      text = JSON.stringify({ ...JSON.parse(text), MD5OfMessageBody: "00000000000000000000000000000000" });
    }
    res.writeHead(forwarded.status, { "content-type": forwarded.headers.get("content-type") ?? "" });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    plan: (...next) => faults.push(...next),
    seen,
    reset: () => {
      faults.length = 0;
      seen.length = 0;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An error answer in the shape of SQS's JSON protocol. */
function answer(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": `${code}:` });
  res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }));
}
