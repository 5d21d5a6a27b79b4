import { Logger } from "@aws-lambda-powertools/logger";
import { vi } from "vitest";

/**
 * A real Powertools logger whose JSON lines are collected instead of printed, so tests can assert on them.
 * Powertools writes through a Console bound to process.stdout (warnings and errors to stderr), so the
 * capture sits on both streams' write.
 */
export function captureLogs(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  restore: () => void;
} {
  const written: string[] = [];
  const collect = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(collect),
    vi.spyOn(process.stderr, "write").mockImplementation(collect),
  ];
  const logger = new Logger({ serviceName: "service-test", logLevel: "INFO" });
  return {
    logger,
    lines: () =>
      written
        .join("")
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** A logger that prints nothing (tests that do not look at logs). */
export function silentLogger(): Logger {
  return new Logger({ serviceName: "service-test", logLevel: "SILENT" });
}
