import { type Environment, positiveIntFromEnv } from "../adapters/config";

/** How the local server runs: its port and how often it stands in for the EventBridge schedule. */
export interface LocalSettings {
  /** `REPORTING_PORT`, 3001 by default. */
  port: number;
  /** `REPORTING_SCHEDULE_SECONDS`, 60 by default. */
  scheduleSeconds: number;
}

/** The local server's settings from `environment`; a malformed one fails at start-up, naming it. */
export function localSettingsFromEnv(environment: Environment): LocalSettings {
  return {
    port: positiveIntFromEnv("REPORTING_PORT", 3001, environment),
    scheduleSeconds: positiveIntFromEnv("REPORTING_SCHEDULE_SECONDS", 60, environment),
  };
}
