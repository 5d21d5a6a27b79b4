import { Logger } from "@aws-lambda-powertools/logger";
import type { WorkerLog } from "../domain/ports";
import type { WorkerConfig } from "./config";

/** The worker's Powertools logger: one JSON line per call on stdout, which CloudWatch Logs keeps. */
export function createLogger(config: WorkerConfig): Logger {
  return new Logger({ serviceName: config.serviceName });
}

/**
 * The `WorkerLog` port on a Powertools logger. Each call looks the logger's method up when it logs, so a
 * logger whose methods were replaced later (a test's spy) still receives every line.
 */
export function powertoolsLog(logger: Logger): WorkerLog {
  return {
    info: (message, attributes) => logger.info(message, attributes),
    warn: (message, attributes) => logger.warn(message, attributes),
    error: (message, attributes) => logger.error(message, attributes),
  };
}
