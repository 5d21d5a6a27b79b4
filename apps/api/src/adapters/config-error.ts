/** The environment lacks or garbles a setting the API needs: thrown at start-up, naming it. */
export class ApiConfigError extends Error {
  override name = "ApiConfigError";
}
