export { type CommandRun, runCommand } from "./run-command";
