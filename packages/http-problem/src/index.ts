export {
  type FieldError,
  type FieldLocation,
  fieldErrorsFrom,
  locationOf,
  toJsonPointer,
} from "./field-errors";
export {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemContext,
  problemResponse,
  toProblem,
} from "./problem";
export { ProblemError, type ProblemErrorOptions, ValidationError } from "./problem-error";
export {
  internalErrorKind,
  type ProblemKind,
  problemAnchor,
  problemTypeUri,
  validationErrorKind,
} from "./problem-kind";
export { jsonBody, validate } from "./validation";
