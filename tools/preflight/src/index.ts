export { pgBouncerInstallCommand, pgBouncerTool } from "./pgbouncer-tool";
export { aptInstallCommand, locateWith, onPath, preflightReport, type SystemTool } from "./system-tools";
