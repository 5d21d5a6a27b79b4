import type { Context } from "aws-lambda";
import { createRuntime } from "../composition/runtime";
import type { MigrationResult } from "../domain/migrate-database";

// Built once per container: a misconfigured function fails its init with a message naming the setting.
const runtime = createRuntime(process.env);

/**
 * Lambda entry, invoked by `sst deploy` (infra/migrator.ts) whenever a migration or a service secret
 * changed. Throws to fail the deploy; the event carries only the migrations' fingerprint, which is unused.
 */
export async function handler(_event: unknown, context?: Context): Promise<MigrationResult> {
  if (context) runtime.logger.addContext(context);
  try {
    const result = await runtime.migrate();
    runtime.logger.info("database migrated", { ...result });
    return result;
  } catch (error) {
    runtime.logger.error("migration failed", error as Error);
    throw error;
  }
}
