import fc from "fast-check";

/**
 * A JSON Schema as the documents write them (OpenAPI 3.1): only the keywords the generators read are typed.
 * `$ref`s are resolved by the caller's {@link Resolve}.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Follows a `$ref` to the schema it names; returns other schemas as they are. */
export type Resolve = (schema: JsonSchema) => JsonSchema;

/** A resolver for `#/…` references inside one document. */
export function resolverFor(document: object): Resolve {
  const resolve: Resolve = (schema) => {
    if (schema.$ref === undefined) return schema;
    if (!schema.$ref.startsWith("#/")) throw new Error(`only local references are generated: ${schema.$ref}`);
    let target: unknown = document;
    for (const raw of schema.$ref.slice(2).split("/")) {
      const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    if (typeof target !== "object" || target === null) throw new Error(`unresolved reference ${schema.$ref}`);
    return resolve(target as JsonSchema);
  };
  return resolve;
}

/** JSON Schema counts a string's length in code points (not UTF-16 code units, as JavaScript does). */
export function codePointLength(text: string): number {
  return [...text].length;
}

/**
 * Day-shaped text that names no day: month 00 or over 12, day 00 or past the month's end (30 February,
 * 29 February of a common year), year 0000.
 */
const impossibleDay = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .filter(([year, month, day]) => {
    if (year === 0 || month < 1 || month > 12 || day < 1) return true;
    const last = new Date(Date.UTC(2000, month, 0)).getUTCDate();
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return day > (month === 2 ? (leap ? 29 : 28) : last);
  })
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  );

/**
 * One character of text: mostly printable ASCII, sometimes any Unicode code point outside the surrogates
 * (accents, CJK, emoji beyond the BMP, control and format characters), so generated text also probes what
 * a schema's `string` leaves open.
 */
const character = fc.oneof(
  { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), weight: 6 },
  {
    arbitrary: fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((code) => code < 0xd800 || code > 0xdfff)
      .map((code) => String.fromCodePoint(code)),
    weight: 1,
  },
);

function textOfLength(min: number, max: number): fc.Arbitrary<string> {
  return fc.array(character, { minLength: min, maxLength: max }).map((chars) => chars.join(""));
}

const HEX_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Values of the formats the documents use, as JSON Schema's format definitions take them. */
function formatted(format: string): fc.Arbitrary<string> | undefined {
  switch (format) {
    case "uuid":
      // RFC 4122's grammar is hex digits in 8-4-4-4-12 groups: versioned UUIDs and any other such string.
      return fc.oneof(fc.uuid(), fc.stringMatching(HEX_UUID));
    case "date":
      return fc
        .date({
          min: new Date("0001-01-01T00:00:00Z"),
          max: new Date("9999-12-31T00:00:00Z"),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case "date-time":
      return fc
        .date({
          min: new Date("0001-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    default:
      return undefined;
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : schema.type;
}

/**
 * Values a schema allows, from the schema alone: `enum`/`const`, strings (`pattern`, `format`, lengths in
 * code points), integers and numbers in range, arrays, objects (optional properties present or not) and
 * `anyOf`/`oneOf` branches.
 */
export function allowedValue(raw: JsonSchema, resolve: Resolve): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches !== undefined) return fc.oneof(...branches.map((branch) => allowedValue(branch, resolve)));
  switch (typeOf(schema)) {
    case "string": {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? Math.max(min, 40);
      const base =
        schema.pattern !== undefined
          ? fc.stringMatching(new RegExp(schema.pattern, "u"))
          : (formatted(schema.format ?? "") ?? textOfLength(min, max));
      return base.filter((text) => codePointLength(text) >= min && codePointLength(text) <= max);
    }
    case "integer": {
      const min =
        schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? -1_000_000);
      const max =
        schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : (schema.maximum ?? 1_000_000);
      // The bounds themselves often: where a service and its document part, it is mostly by one.
      return fc.oneof(
        { arbitrary: fc.constantFrom(min, max), weight: 1 },
        { arbitrary: fc.integer({ min, max }), weight: 2 },
      );
    }
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "array": {
      const item = schema.items === undefined ? fc.jsonValue() : allowedValue(schema.items, resolve);
      return fc.array(item, { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? 5 });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, allowedValue(property, resolve)]),
      );
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue();
  }
}

/** A value that breaks a schema, with the reason, as the generator meant it (the proxy is the judge). */
export interface Broken {
  value: unknown;
  how: string;
}

/** JSON values of every type but the ones named (`integer` counts as `number`'s kin). */
function otherTypeThan(type: string | undefined): fc.Arbitrary<unknown> {
  const kinds: [string, fc.Arbitrary<unknown>][] = [
    ["string", fc.string({ maxLength: 8 })],
    ["number", fc.double({ noNaN: true, noDefaultInfinity: true })],
    ["boolean", fc.boolean()],
    ["null", fc.constant(null)],
    ["array", fc.array(fc.integer(), { maxLength: 3 })],
    ["object", fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 })],
  ];
  const excluded = type === "integer" ? "number" : type;
  return fc.oneof(...kinds.filter(([kind]) => kind !== excluded).map(([, arb]) => arb));
}

/**
 * Values that break a schema in one place: another JSON type, a number out of range or not whole, a string
 * off its pattern, format, enum or lengths, an array too short or too long or with a broken item, an object
 * missing a required property, with one the schema closes out, or with a broken property. Undefined when
 * the schema allows everything.
 */
export function brokenValue(
  raw: JsonSchema,
  resolve: Resolve,
  asText = false,
): fc.Arbitrary<Broken> | undefined {
  const schema = resolve(raw);
  const type = typeOf(schema);
  const ways: fc.Arbitrary<Broken>[] = [];
  const tag = (how: string) => (value: unknown) => ({ value, how });
  // In a query or header everything is text: "another type" is text that reads as none of the allowed ones.
  if (type !== undefined && type !== "string") {
    ways.push(
      asText
        ? fc.constantFrom("abc", "1.5e", "", "true!", "[]").map(tag(`not ${type}`))
        : otherTypeThan(type).map(tag(`not ${type}`)),
    );
  }
  if (schema.enum !== undefined) {
    const allowed = new Set(schema.enum);
    ways.push(
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((text) => !allowed.has(text))
        .map(tag("not in enum")),
    );
  }
  if (type === "integer" || type === "number") {
    if (schema.minimum !== undefined)
      ways.push(
        fc.integer({ min: schema.minimum - 1000, max: schema.minimum - 1 }).map(tag("below minimum")),
      );
    if (schema.maximum !== undefined)
      ways.push(
        fc.integer({ min: schema.maximum + 1, max: schema.maximum + 1000 }).map(tag("above maximum")),
      );
    if (type === "integer") {
      const min = schema.minimum ?? -1000;
      ways.push(
        fc
          .integer({ min, max: min + 100 })
          .map((n) => n + 0.5)
          .map(tag("not whole")),
      );
    }
  }
  if (type === "string") {
    if (schema.pattern !== undefined) {
      const pattern = new RegExp(schema.pattern, "u");
      ways.push(
        fc
          .oneof(textOfLength(0, 20), impossibleDay)
          .filter((text) => !pattern.test(text))
          .map(tag("off pattern")),
      );
    }
    if (schema.format === "date") ways.push(impossibleDay.map(tag("not a date")));
    if (schema.format === "uuid") {
      ways.push(
        textOfLength(0, 40)
          .filter((text) => !HEX_UUID.test(text.toLowerCase()))
          .map(tag("not a uuid")),
      );
    }
    if (schema.minLength !== undefined && schema.minLength > 0) {
      ways.push(textOfLength(0, schema.minLength - 1).map(tag("too short")));
    }
    if (schema.maxLength !== undefined) {
      ways.push(
        fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 20 }).map(tag("too long")),
      );
    }
  }
  if (type === "array") {
    if (schema.minItems !== undefined && schema.minItems > 0)
      ways.push(fc.constant([]).map(tag("too few items")));
    if (schema.maxItems !== undefined && schema.items !== undefined) {
      ways.push(
        fc
          .array(allowedValue(schema.items, resolve), {
            minLength: schema.maxItems + 1,
            maxLength: schema.maxItems + 3,
          })
          .map(tag("too many items")),
      );
    }
    const brokenItem = schema.items === undefined ? undefined : brokenValue(schema.items, resolve);
    if (brokenItem !== undefined && schema.items !== undefined) {
      const items = fc.array(allowedValue(schema.items, resolve), {
        minLength: Math.max(0, (schema.minItems ?? 1) - 1),
        maxLength: Math.max(0, (schema.maxItems ?? 5) - 1),
      });
      ways.push(
        fc.tuple(items, brokenItem, fc.nat()).map(([valid, broken, at]) => {
          const list: unknown[] = [...valid];
          list.splice(at % (list.length + 1), 0, broken.value);
          return { value: list, how: `an item ${broken.how}` };
        }),
      );
    }
  }
  if (type === "object") {
    const valid = allowedValue(schema, resolve) as fc.Arbitrary<Record<string, unknown>>;
    for (const name of schema.required ?? []) {
      ways.push(
        valid.map(({ [name]: _dropped, ...rest }) => ({ value: rest, how: `without required ${name}` })),
      );
    }
    if (schema.additionalProperties === false) {
      const known = new Set(Object.keys(schema.properties ?? {}));
      ways.push(
        fc
          .tuple(
            valid,
            fc.string({ minLength: 1, maxLength: 10 }).filter((name) => !known.has(name)),
            fc.jsonValue(),
          )
          .map(([object, name, extra]) => ({
            value: { ...object, [name]: extra },
            how: `with unknown ${name}`,
          })),
      );
    }
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const broken = brokenValue(property, resolve);
      if (broken === undefined) continue;
      ways.push(
        fc
          .tuple(valid, broken)
          .map(([object, b]) => ({ value: { ...object, [name]: b.value }, how: `${name} ${b.how}` })),
      );
    }
  }
  return ways.length === 0 ? undefined : fc.oneof(...ways);
}
