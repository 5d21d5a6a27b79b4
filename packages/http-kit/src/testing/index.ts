/*
 * Test support for services built on the kit: real Powertools loggers whose lines tests read or silence.
 * Imported by tests only (it depends on vitest).
 */
export { captureLogs, silentLogger } from "./log-capture";
