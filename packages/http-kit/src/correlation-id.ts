import { v4 } from "uuid";

/** What we accept from a caller's X-Request-Id: short, printable, safe to log and to echo in a header. */
const saneId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The correlation id of a request: the caller's X-Request-Id when it is sane (so the caller's own logs line
 * up), else the API Gateway request id (so gateway access logs line up), else a fresh UUID.
 */
export function correlationIdFor(incoming: string | undefined, gatewayRequestId: string | undefined): string {
  if (incoming && saneId.test(incoming)) return incoming;
  if (gatewayRequestId && saneId.test(gatewayRequestId)) return gatewayRequestId;
  return v4();
}
