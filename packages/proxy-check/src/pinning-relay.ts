import { startTcpRelay } from "@orders/local-postgres";
import { classifyParse, classifyStatement, loadStatementParser, type PinReason } from "./classify-statement";
import { type DecodedMessage, FrontendDecoder, type FrontendMessage } from "./frontend-messages";

/**
 * A startup parameter that labels a client session for the report (a test names its file with it). The
 * pooler behind the relay is told to accept and drop it, so it never reaches PostgreSQL.
 */
export const clientLabelParameter = "orders.client";

/** One client session seen by the relay, and whether RDS Proxy would have pinned it. */
export interface RelaySession {
  id: number;
  user: string;
  database: string;
  /** The client's `application_name`. */
  applicationName: string;
  /** Who opened the session, from the {@link clientLabelParameter} startup parameter (tests: their file). */
  label: string;
  /** The first statement that would have pinned the session, with every rule it breaks; undefined if none. */
  pinnedBy?: { statement: string; reasons: PinReason[] };
  /** True when the client asked for TLS (or GSS encryption) and was told to continue without. */
  encryptionRefused: boolean;
  /** Statements (Query and Parse messages) the session sent. */
  statements: number;
  /** Bytes of the largest statement text the session sent. */
  largestStatementBytes: number;
  open: boolean;
}

export interface PinningRelay {
  host: string;
  port: number;
  /** Every session so far, oldest first. */
  sessions(): readonly RelaySession[];
  /** The sessions that would have pinned. */
  pinnedSessions(): RelaySession[];
  stop(): Promise<void>;
}

export interface StartPinningRelayOptions {
  /** Where the relay forwards every byte (the pooler). */
  upstream: { host: string; port: number };
  /** Port to listen on (default: an ephemeral one). */
  port?: number;
  /** Called once per session when it first would pin. */
  onPin?: (session: RelaySession) => void;
}

/**
 * A TCP relay that sits where RDS Proxy sits, forwards every byte unchanged in both directions, and judges
 * what each client sends against the proxy's pinning rules.
 *
 * TLS: in AWS the services reach the proxy over verified TLS, which a relay cannot read. Locally the chain
 * runs over loopback without TLS: the relay itself answers an SSLRequest or GSSENCRequest with "N" (no
 * encryption), as a server without TLS does, so a client that prefers TLS continues in clear text and a
 * client that requires it fails loudly instead of being judged blind.
 */
export async function startPinningRelay(options: StartPinningRelayOptions): Promise<PinningRelay> {
  await loadStatementParser();
  const sessions: RelaySession[] = [];

  const relay = await startTcpRelay({
    upstream: options.upstream,
    ...(options.port !== undefined ? { port: options.port } : {}),
    onConnection: (client, connectUpstream) => {
      const session: RelaySession = {
        id: sessions.length + 1,
        user: "",
        database: "",
        applicationName: "",
        label: "",
        encryptionRefused: false,
        statements: 0,
        largestStatementBytes: 0,
        open: true,
      };
      sessions.push(session);
      const upstream = connectUpstream();
      const closed = () => {
        session.open = false;
      };
      client.on("close", closed);
      upstream.on("close", closed);
      upstream.pipe(client);
      const decoder = new FrontendDecoder();

      client.on("data", (chunk: Buffer) => {
        let decoded: DecodedMessage[];
        try {
          decoded = decoder.push(chunk);
        } catch {
          // Not the PostgreSQL protocol: nothing a database client would send.
          client.destroy();
          upstream.destroy();
          return;
        }
        // Whole messages go on unchanged and in order; only a TLS/GSS negotiation request is answered here.
        for (const { message, raw } of decoded) {
          if (message.kind === "ssl-request" || message.kind === "gssenc-request") {
            session.encryptionRefused = true;
            client.write("N");
          } else upstream.write(raw);
          judge(session, message, options.onPin);
        }
        if (upstream.writableNeedDrain) {
          client.pause();
          upstream.once("drain", () => client.resume());
        }
      });
    },
  });

  return {
    host: relay.host,
    port: relay.port,
    sessions: () => sessions,
    pinnedSessions: () => sessions.filter((s) => s.pinnedBy),
    stop: () => relay.stop(),
  };
}

function judge(session: RelaySession, message: FrontendMessage, onPin?: (s: RelaySession) => void): void {
  let statement: string | undefined;
  let reasons: PinReason[] = [];
  if (message.kind === "startup") {
    session.user = message.parameters.user ?? "";
    session.database = message.parameters.database ?? session.user;
    session.applicationName = message.parameters.application_name ?? "";
    session.label = message.parameters[clientLabelParameter] ?? "";
    return;
  }
  if (message.kind === "query") {
    statement = message.text;
    reasons = classifyStatement(message.text);
  } else if (message.kind === "parse") {
    statement = message.text;
    reasons = [...classifyParse(message.statement), ...classifyStatement(message.text)];
  } else {
    return;
  }
  session.statements += 1;
  session.largestStatementBytes = Math.max(session.largestStatementBytes, Buffer.byteLength(statement));
  if (reasons.length > 0 && !session.pinnedBy) {
    session.pinnedBy = { statement, reasons };
    onPin?.(session);
  }
}
