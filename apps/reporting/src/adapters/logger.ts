import { Logger } from "@aws-lambda-powertools/logger";

/** The reporting service's structured logger (JSON lines; CloudWatch in AWS, stdout locally). */
export const logger = new Logger({ serviceName: "orders-reporting" });
