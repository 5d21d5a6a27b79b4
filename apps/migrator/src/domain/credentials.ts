import { type ServiceName, serviceRoles } from "@orders/settings";
import type { Credentials } from "./ports";
import { MalformedSecretError, WrongSecretUserError } from "./secret-errors";

/** Reads a secret's value as a database login; `label` names the secret in the error. */
export function parseCredentials(value: string, label: string): Credentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new MalformedSecretError(`${label} is not JSON`);
  }
  const { username, password } = (parsed ?? {}) as Partial<Record<string, unknown>>;
  if (typeof username !== "string" || username === "" || typeof password !== "string" || password === "") {
    throw new MalformedSecretError(`${label} must be a JSON object with a non-empty username and password`);
  }
  return { username, password };
}

/** A service's login, refused unless it is for the service's own role (the user RDS Proxy logs in as). */
export function serviceCredentials(service: ServiceName, value: string): Credentials {
  const credentials = parseCredentials(value, `${service} secret`);
  if (credentials.username !== serviceRoles[service]) {
    throw new WrongSecretUserError(
      `the ${service} secret is for user "${credentials.username}", expected "${serviceRoles[service]}"`,
    );
  }
  return credentials;
}
