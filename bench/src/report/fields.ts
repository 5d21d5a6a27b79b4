/** A result file lacks a figure the report prints, or holds it in another shape. */
export class ResultFieldError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    expected: string,
  ) {
    super(`${file}: field "${field}" is missing or not ${expected}`);
    this.name = "ResultFieldError";
  }
}

/**
 * Typed reads from one parsed result file. Each read names the file and the dotted path of the field it
 * wanted, so a benchmark that stops writing a figure fails the report with that name instead of printing
 * "undefined" into the docs.
 */
export interface Fields {
  readonly file: string;
  number(path: string): number;
  string(path: string): string;
  boolean(path: string): boolean;
  /** A number or a string (a check's expected value: a count or a phrase). */
  scalar(path: string): number | string;
  /** The array at `path`, each element read through its own Fields (paths relative to the element). */
  list(path: string): Fields[];
  /** The numbers in the array at `path`. */
  numbers(path: string): number[];
  /** The strings in the array at `path`. */
  strings(path: string): string[];
  /** An object of numbers (`{ "202": 19990, "503": 10 }`). */
  counts(path: string): Record<string, number>;
  /** Fields of the object at `path`. */
  at(path: string): Fields;
  /** Whether `path` holds anything (for figures a benchmark writes only in some runs). */
  has(path: string): boolean;
}

function walk(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Reads `value` (a parsed result file, or part of one) as `file`; `prefix` names where it sits in it. */
export function fields(value: unknown, file: string, prefix = ""): Fields {
  const full = (path: string) => (prefix ? `${prefix}.${path}` : path);
  const read = <T>(path: string, expected: string, ok: (v: unknown) => v is T): T => {
    const v = walk(value, path);
    if (!ok(v)) throw new ResultFieldError(file, full(path), expected);
    return v;
  };
  const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
  const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);
  return {
    file,
    number: (path) => read(path, "a number", isNumber),
    string: (path) => read(path, "a string", (v): v is string => typeof v === "string"),
    boolean: (path) => read(path, "true or false", (v): v is boolean => typeof v === "boolean"),
    scalar: (path) =>
      read(path, "a number or a string", (v): v is number | string => isNumber(v) || typeof v === "string"),
    list: (path) =>
      read(path, "an array", isArray).map((item, i) => fields(item, file, full(`${path}.${i}`))),
    numbers: (path) => {
      const items = read(path, "an array", isArray);
      if (!items.every(isNumber)) throw new ResultFieldError(file, full(path), "an array of numbers");
      return items as number[];
    },
    strings: (path) => {
      const items = read(path, "an array", isArray);
      if (!items.every((v) => typeof v === "string")) {
        throw new ResultFieldError(file, full(path), "an array of strings");
      }
      return items as string[];
    },
    counts: (path) => {
      const object = read(path, "an object", isObject);
      if (!Object.values(object).every(isNumber)) {
        throw new ResultFieldError(file, full(path), "an object of numbers");
      }
      return object as Record<string, number>;
    },
    at: (path) => fields(read(path, "an object", isObject), file, full(path)),
    has: (path) => walk(value, path) !== undefined,
  };
}
