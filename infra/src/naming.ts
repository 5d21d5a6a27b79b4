/**
 * Physical name for resources whose name we must choose (RDS Proxy endpoints have no name prefix option):
 * letters, digits and single hyphens, starting with a letter, at most 63 characters, unique per app and
 * stage so personal stages never collide in one account.
 */
export function physicalName(app: string, stage: string, suffix: string): string {
  const raw = `${app}-${stage}-${suffix}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[^a-z]+/, "");
  const trimmed = raw.slice(0, 63).replace(/-+$/, "");
  if (!trimmed) throw new Error(`cannot build a resource name from ${app}/${stage}/${suffix}`);
  return trimmed;
}

/** Prefix for names AWS completes with a random suffix (Secrets Manager secrets). */
export function namePrefix(app: string, stage: string, suffix: string): string {
  return `${physicalName(app, stage, suffix)}-`;
}
