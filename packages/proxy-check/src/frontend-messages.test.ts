import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FrontendDecoder, PROTOCOL_3, SSL_REQUEST } from "./frontend-messages";

function untyped(code: number, payload = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + payload.length, 0);
  head.writeInt32BE(code, 4);
  return Buffer.concat([head, payload]);
}

function typed(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

const cstr = (value: string) => Buffer.from(`${value}\0`);

function parse(name: string, text: string, types: number[]): Buffer {
  const count = Buffer.alloc(2 + 4 * types.length);
  count.writeInt16BE(types.length, 0);
  types.forEach((oid, i) => {
    count.writeInt32BE(oid, 2 + i * 4);
  });
  return typed("P", Buffer.concat([cstr(name), cstr(text), count]));
}

/** What a client sends: SSLRequest, startup, a simple query, an extended-protocol statement, terminate. */
function conversation(text: string): Buffer {
  return Buffer.concat([
    untyped(SSL_REQUEST),
    untyped(
      PROTOCOL_3,
      Buffer.concat([
        cstr("user"),
        cstr("orders_worker"),
        cstr("database"),
        cstr("orders"),
        Buffer.from([0]),
      ]),
    ),
    typed("Q", cstr(text)),
    parse("", "select $1::int", [23]),
    typed("B", Buffer.concat([cstr(""), cstr(""), Buffer.alloc(6)])),
    typed("S", Buffer.alloc(0)),
    typed("X", Buffer.alloc(0)),
  ]);
}

describe("FrontendDecoder", () => {
  it("decodes the messages a client sends, with their exact bytes", () => {
    const bytes = conversation("select 'é'");
    const decoded = new FrontendDecoder().push(bytes);
    expect(decoded.map((d) => d.message)).toEqual([
      { kind: "ssl-request" },
      { kind: "startup", parameters: { user: "orders_worker", database: "orders" } },
      { kind: "query", text: "select 'é'" },
      { kind: "parse", statement: "", text: "select $1::int", parameterTypes: [23] },
      { kind: "bind", portal: "", statement: "" },
      { kind: "other", type: "S" },
      { kind: "terminate" },
    ]);
    expect(Buffer.concat(decoded.map((d) => d.raw))).toEqual(bytes);
  });

  it("gives the same messages and bytes however TCP cuts the stream", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }),
        (text, sizes) => {
          const bytes = conversation(`select ${JSON.stringify(text)}`);
          const whole = new FrontendDecoder().push(bytes);
          const decoder = new FrontendDecoder();
          const pieces = [];
          let offset = 0;
          for (let i = 0; offset < bytes.length; i++) {
            const size = sizes[i % sizes.length] as number;
            pieces.push(...decoder.push(bytes.subarray(offset, offset + size)));
            offset += size;
          }
          expect(pieces.map((d) => d.message)).toEqual(whole.map((d) => d.message));
          expect(Buffer.concat(pieces.map((d) => d.raw))).toEqual(bytes);
        },
      ),
    );
  });

  it("rejects a stream that is not the PostgreSQL protocol", () => {
    expect(() => new FrontendDecoder().push(Buffer.from("GET / HTTP/1.1\r\n\r\n"))).toThrow();
  });
});
