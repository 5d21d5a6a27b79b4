/** A secret's value is not the `{username, password}` JSON object a database login needs. */
export class MalformedSecretError extends Error {
  override name = "MalformedSecretError";
}

/** A service's secret names another database user than the service's role: setting it would lock the service out. */
export class WrongSecretUserError extends Error {
  override name = "WrongSecretUserError";
}
