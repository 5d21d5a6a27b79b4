/*
 * Test support for services built on the kit: real Powertools loggers whose lines tests read or silence, and
 * a service served over real HTTP on a free loopback port.
 * Imported by tests only (it depends on vitest).
 */
export { captureLogs, silentLogger } from "./log-capture";
export { type Served, serveOnLoopback } from "./serve-on-loopback";
