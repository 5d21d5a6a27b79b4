import { Logger } from "@aws-lambda-powertools/logger";

/**
 * The api's Powertools logger (JSON lines on stdout). Infra names the service through
 * POWERTOOLS_SERVICE_NAME; a constructor value would override it, so the name here is only the local
 * fallback, as for the metrics.
 */
export function createLogger(env: Record<string, string | undefined> = process.env): Logger {
  return new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME || "orders-api" });
}
