import { DEFAULT_IDENTITY_PORT } from "@orders/local-identity";

export interface StackConfig {
  apiPort: number;
  reportingPort: number;
  /** Port of the SQS emulator; `npm run redrive` finds the running stack's queues there. 0 = any free port. */
  sqsPort: number;
  reportingScheduleSeconds: number;
  /** Port of the local OpenID provider; `npm run token` finds it there. 0 = any free port. */
  identityPort: number;
}

/** Default port of the local SQS emulator (the port SQS emulators conventionally use). */
export const defaultSqsPort = 9324;

export class StackConfigError extends Error {
  override name = "StackConfigError";
}

/** Reads the local stack's ports and schedule from the environment, refusing values that are not ports. */
export function stackConfigFromEnv(env: Record<string, string | undefined> = process.env): StackConfig {
  return {
    apiPort: port(env, "PORT", 3000),
    reportingPort: port(env, "REPORTING_PORT", 3001),
    sqsPort: port(env, "LOCAL_SQS_PORT", defaultSqsPort),
    reportingScheduleSeconds: positive(env, "REPORTING_SCHEDULE_SECONDS", 60),
    identityPort: port(env, "IDENTITY_PORT", DEFAULT_IDENTITY_PORT),
  };
}

function port(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new StackConfigError(`${name} must be a TCP port (0-65535), got ${JSON.stringify(raw)}`);
  }
  return value;
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new StackConfigError(`${name} must be a positive number of seconds, got ${JSON.stringify(raw)}`);
  }
  return value;
}
