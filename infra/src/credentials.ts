/**
 * Generation of the service users' passwords. Bump it and deploy to rotate all three: new random passwords,
 * new secret versions (the proxy reads them), and the migrator re-runs to set them on the roles.
 */
export const serviceCredentialsGeneration = 1;

/** Length of generated service passwords (letters and digits only: safe in URLs and in SCRAM). */
export const servicePasswordLength = 40;
