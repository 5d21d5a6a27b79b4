import { Logger } from "@aws-lambda-powertools/logger";

/**
 * The migrator's structured logger (JSON lines in CloudWatch). Infra names the service through
 * POWERTOOLS_SERVICE_NAME; a constructor value would override it, so the name here is only the fallback.
 */
export function createLogger(environment: Record<string, string | undefined>): Logger {
  return new Logger({ serviceName: environment.POWERTOOLS_SERVICE_NAME || "migrator" });
}
