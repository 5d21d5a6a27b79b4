export {
  type Command,
  type CommandLine,
  exitWithUsage,
  parseOrExit,
  readCommandLine,
  UsageError,
} from "./command-line";
