import {
  type Located,
  locate,
  type Method,
  methods,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  pointerTo,
} from "./openapi-objects";

/** One operation of the document: where it is, and the parameters of its path item with its own. */
export interface IndexedOperation {
  method: Method;
  template: string;
  operation: Operation;
  /** Where the operation is in the document (`#/paths/~1orders/post`). */
  pointer: string;
  parameters: Located<Parameter>[];
  /** `placeOrder (POST /orders)`, or `GET /reports/queue` for an operation without an id. */
  name: string;
}

/** What the document says about a request line. */
export type Match =
  | { kind: "operation"; found: IndexedOperation; pathParams: Record<string, string> }
  | { kind: "no-such-method"; template: string; allowed: string[] }
  | { kind: "no-such-path" };

interface Template {
  pattern: RegExp;
  names: string[];
  template: string;
  operations: Map<Method, IndexedOperation>;
}

/**
 * The document's paths as matchers: a template's `{name}` takes one path segment, and a path without
 * templating wins over one with it (`/orders/mine` before `/orders/{id}`), as OpenAPI asks. HEAD is answered
 * like GET (RFC 9110 §9.3.2), so a HEAD request matches the GET operation when the path lists no HEAD.
 *
 * @example
 * indexOperations(document).match("GET", "/orders/6f1c…"); // { kind: "operation", found: getOrder, … }
 */
export function indexOperations(document: OpenApiDocument) {
  const templates = Object.entries(document.paths ?? {})
    .map(([template, item]): Template => {
      const names: string[] = [];
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^$|()[\]\\]/g, "\\$&");
          names.push(name);
          return "([^/]+)";
        })
        .join("");
      const itemPointer = pointerTo("paths", template);
      const shared = (item.parameters ?? []).map((p, i) =>
        locate(document, p, `${itemPointer}/parameters/${i}`),
      );
      const operations = new Map<Method, IndexedOperation>();
      for (const method of methods) {
        const operation = item[method];
        if (!operation) continue;
        const pointer = `${itemPointer}/${method}`;
        const own = (operation.parameters ?? []).map((p, i) =>
          locate(document, p, `${pointer}/parameters/${i}`),
        );
        const inherited = shared.filter(
          (s) => !own.some((o) => o.value.name === s.value.name && o.value.in === s.value.in),
        );
        const line = `${method.toUpperCase()} ${template}`;
        const name = operation.operationId ? `${operation.operationId} (${line})` : line;
        operations.set(method, {
          method,
          template,
          operation,
          pointer,
          parameters: [...inherited, ...own],
          name,
        });
      }
      return { pattern: new RegExp(`^${source}$`), names, template, operations };
    })
    .sort((a, b) => a.names.length - b.names.length);

  return {
    match(requestMethod: string, path: string): Match {
      for (const t of templates) {
        const values = t.pattern.exec(path);
        if (!values) continue;
        const method = requestMethod.toLowerCase() as Method;
        const found = t.operations.get(method) ?? (method === "head" ? t.operations.get("get") : undefined);
        if (!found) {
          const allowed = [...t.operations.keys()].map((m) => m.toUpperCase());
          return { kind: "no-such-method", template: t.template, allowed };
        }
        const pathParams = Object.fromEntries(
          t.names.map((name, i) => [name, decodeURIComponent(values[i + 1] ?? "")]),
        );
        return { kind: "operation", found, pathParams };
      }
      return { kind: "no-such-path" };
    },
  };
}
