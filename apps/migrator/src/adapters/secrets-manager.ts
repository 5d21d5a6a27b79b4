import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SecretStore } from "../domain/ports";

/**
 * The {@link SecretStore} on AWS Secrets Manager: one `GetSecretValue` per read, no cache, so a run right
 * after a rotation sets the rotated password. A secret stored as binary has no `SecretString` and is refused.
 * The client is built on the first read: a client built at import starts resolving its configuration
 * (region, credentials) before the function is invoked.
 */
export function secretsManagerStore(createClient: () => SecretsManagerClient): SecretStore {
  let client: SecretsManagerClient | undefined;
  return {
    async read(secretId) {
      client ??= createClient();
      const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (result.SecretString === undefined) throw new Error(`secret ${secretId} has no string value`);
      return result.SecretString;
    },
  };
}
