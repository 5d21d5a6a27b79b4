import { Logger } from "@aws-lambda-powertools/logger";
import type { Environment } from "./config";

/**
 * The reporting service's structured logger (JSON lines; CloudWatch in AWS, stdout locally). Infra names
 * each function's service through POWERTOOLS_SERVICE_NAME (the HTTP function and the rollup log as two
 * services); a constructor value would override it, so the name here is only the local fallback.
 */
export function createLogger(environment: Environment): Logger {
  return new Logger({ serviceName: environment.POWERTOOLS_SERVICE_NAME || "reporting" });
}
