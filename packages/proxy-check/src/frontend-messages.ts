/** A whole message and the exact bytes it came in. */
export interface DecodedMessage {
  message: FrontendMessage;
  raw: Buffer;
}

/**
 * A streaming decoder of the PostgreSQL frontend protocol (what a client sends to a server), for a relay that
 * must see every statement whatever the TCP chunking.
 *
 * Written by hand because no maintained npm package decodes this direction as a passive observer:
 * `pg-protocol` parses only backend messages (it serialises frontend ones), and `pg-gateway` terminates the
 * connection itself (it plays the server, authentication included) instead of watching a stream it forwards
 * untouched. The framing is small and fixed by the protocol documentation ("Message Formats",
 * https://www.postgresql.org/docs/17/protocol-message-formats.html).
 */

/** The protocol version code of a StartupMessage (3.0). */
export const PROTOCOL_3 = 196_608;
/** Request codes sent in place of a protocol version before the startup message. */
export const SSL_REQUEST = 80_877_103;
export const GSSENC_REQUEST = 80_877_104;
export const CANCEL_REQUEST = 80_877_102;

export type FrontendMessage =
  | { kind: "startup"; parameters: Record<string, string> }
  | { kind: "ssl-request" }
  | { kind: "gssenc-request" }
  | { kind: "cancel-request" }
  | { kind: "query"; text: string }
  | { kind: "parse"; statement: string; text: string; parameterTypes: number[] }
  | { kind: "bind"; portal: string; statement: string }
  | { kind: "terminate" }
  /** Any other message (Sync, Execute, Describe, password messages, ...), by its type byte. */
  | { kind: "other"; type: string };

/**
 * Feeds on raw client bytes and emits whole messages. The first message of a connection carries no type
 * byte (startup, SSLRequest, GSSENCRequest or CancelRequest); an SSLRequest or GSSENCRequest is followed by
 * another untyped startup message.
 */
export class FrontendDecoder {
  #buffer: Buffer = Buffer.alloc(0);
  #awaitingStartup = true;

  /**
   * Adds a chunk and returns every message it completes (possibly none, possibly several), each with its
   * raw bytes; bytes of an incomplete message stay buffered until the rest arrives.
   */
  push(chunk: Buffer): DecodedMessage[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const decoded: DecodedMessage[] = [];
    for (;;) {
      const before = this.#buffer;
      const message = this.#awaitingStartup ? this.#nextUntyped() : this.#nextTyped();
      if (!message) return decoded;
      decoded.push({ message, raw: before.subarray(0, before.length - this.#buffer.length) });
    }
  }

  #nextUntyped(): FrontendMessage | undefined {
    if (this.#buffer.length < 8) return undefined;
    const length = this.#buffer.readInt32BE(0);
    // PostgreSQL refuses startup packets over 10,000 bytes (MAX_STARTUP_PACKET_LENGTH) as well.
    if (length < 8 || length > 10_000) throw new Error(`invalid startup packet length ${length}`);
    if (this.#buffer.length < length) return undefined;
    const body = this.#take(length).subarray(4);
    const code = body.readInt32BE(0);
    switch (code) {
      case SSL_REQUEST:
        return { kind: "ssl-request" };
      case GSSENC_REQUEST:
        return { kind: "gssenc-request" };
      case CANCEL_REQUEST:
        this.#awaitingStartup = false;
        return { kind: "cancel-request" };
      case PROTOCOL_3: {
        this.#awaitingStartup = false;
        const fields = cstrings(body.subarray(4));
        const parameters: Record<string, string> = {};
        for (let i = 0; i + 1 < fields.length; i += 2)
          parameters[fields[i] as string] = fields[i + 1] as string;
        return { kind: "startup", parameters };
      }
      default:
        throw new Error(`unsupported startup code ${code}`);
    }
  }

  #nextTyped(): FrontendMessage | undefined {
    if (this.#buffer.length < 5) return undefined;
    const length = this.#buffer.readInt32BE(1);
    if (length < 4) throw new Error(`invalid message length ${length}`);
    if (this.#buffer.length < length + 1) return undefined;
    const message = this.#take(length + 1);
    const type = String.fromCharCode(message[0] as number);
    const body = message.subarray(5);
    switch (type) {
      case "Q":
        return { kind: "query", text: readCString(body, 0).value };
      case "P": {
        const statement = readCString(body, 0);
        const text = readCString(body, statement.next);
        const count = body.readInt16BE(text.next);
        const parameterTypes = Array.from({ length: count }, (_, i) =>
          body.readInt32BE(text.next + 2 + i * 4),
        );
        return { kind: "parse", statement: statement.value, text: text.value, parameterTypes };
      }
      case "B": {
        const portal = readCString(body, 0);
        return { kind: "bind", portal: portal.value, statement: readCString(body, portal.next).value };
      }
      case "X":
        return { kind: "terminate" };
      default:
        return { kind: "other", type };
    }
  }

  #take(length: number): Buffer {
    const head = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return head;
  }
}

function readCString(buffer: Buffer, start: number): { value: string; next: number } {
  const end = buffer.indexOf(0, start);
  if (end < 0) throw new Error("unterminated string in a frontend message");
  return { value: buffer.toString("utf8", start, end), next: end + 1 };
}

function cstrings(buffer: Buffer): string[] {
  const values: string[] = [];
  let offset = 0;
  while (offset < buffer.length && buffer[offset] !== 0) {
    const field = readCString(buffer, offset);
    values.push(field.value);
    offset = field.next;
  }
  return values;
}
