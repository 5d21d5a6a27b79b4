import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { OpenApiDocument } from "./openapi-objects";

/** The document's base URI inside Ajv: `#/components/schemas/…` references resolve against it. */
const documentId = "openapi-document";

/** Validates values against the schemas at places in one document: what failed, as readable lines. */
export interface SchemaValidator {
  /** The failures of `value` against the schema at `pointer` (a `#/…` fragment), none when it conforms. */
  failures(pointer: string, value: unknown): string[];
}

/**
 * Ajv in JSON Schema 2020-12 mode (the dialect of OpenAPI 3.1) with the standard formats (`uuid`, `date`,
 * `date-time`, …) checked, over the whole document, so a schema's references to components resolve as they
 * do for any client. OpenAPI's own keywords beside a schema's (`example`, `description`) are annotations.
 *
 * @example
 * validatorFor(document).failures("#/components/schemas/Order", body); // ["/totalCents must be integer"]
 */
export function validatorFor(document: OpenApiDocument): SchemaValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(structuredClone(document), documentId);
  const compiled = new Map<string, ValidateFunction>();
  return {
    failures(pointer, value) {
      let validate = compiled.get(pointer);
      if (!validate) {
        validate = ajv.getSchema(`${documentId}${pointer}`);
        if (!validate) throw new Error(`No schema at ${pointer}`);
        compiled.set(pointer, validate);
      }
      return validate(value) ? [] : (validate.errors ?? []).map(describe);
    },
  };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === "" ? "(the value)" : error.instancePath;
  const detail =
    error.keyword === "additionalProperties"
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : error.keyword === "enum"
        ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : "";
  return `${where} ${error.message ?? error.keyword}${detail}`;
}
