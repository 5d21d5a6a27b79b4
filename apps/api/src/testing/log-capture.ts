import { Logger } from "@aws-lambda-powertools/logger";
import { vi } from "vitest";

/**
 * A real Powertools logger whose JSON lines are collected instead of printed, so tests can assert on them.
 * Powertools writes through a Console bound to process.stdout, so the capture sits on stdout's write.
 */
export function captureLogs(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  restore: () => void;
} {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const logger = new Logger({ serviceName: "orders-api-test", logLevel: "INFO" });
  return {
    logger,
    lines: () =>
      written
        .join("")
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => spy.mockRestore(),
  };
}

/** A logger that prints nothing (tests that do not look at logs). */
export function silentLogger(): Logger {
  return new Logger({ serviceName: "orders-api-test", logLevel: "SILENT" });
}
