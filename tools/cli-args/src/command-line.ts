import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

/** What a command accepts, and the text that explains it. */
export interface Command<O extends ParseArgsOptionsConfig> {
  /** How the command is called, for the first word of an error line: `npm run plan`. */
  name: string;
  /** The whole usage text, starting with a `Usage:` line; printed by `--help` and after every refusal. */
  usage: string;
  /** The command's own options; `--help` and `-h` are added to them. */
  options: O;
  /** Whether bare words are accepted (benchmark names); refused otherwise. */
  allowPositionals?: boolean;
}

const helpOption = { help: { type: "boolean", short: "h" } } as const;

type ParseConfig<O extends ParseArgsOptionsConfig> = {
  args: string[];
  options: O & typeof helpOption;
  strict: true;
  allowPositionals: boolean;
};

/** The parsed command line: `values` typed from the options, `positionals` the bare words. */
export interface CommandLine<O extends ParseArgsOptionsConfig> {
  values: ReturnType<typeof parseArgs<ParseConfig<O>>>["values"];
  positionals: string[];
}

/** A command line the command cannot run: the message says what is wrong, in one line. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Parses `argv` strictly (an unknown flag, a flag without its value, or a bare word where none is expected
 * throws a UsageError). Returns "help" when `--help` or `-h` was given.
 */
export function readCommandLine<O extends ParseArgsOptionsConfig>(
  command: Command<O>,
  argv: readonly string[],
): CommandLine<O> | "help" {
  let line: CommandLine<O>;
  try {
    line = parseArgs<ParseConfig<O>>({
      args: [...argv],
      options: { ...command.options, ...helpOption },
      strict: true,
      allowPositionals: command.allowPositionals ?? false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // (The option is added above, so the value is there; the generic type cannot show it.)
  return (line.values as { help?: boolean }).help ? "help" : line;
}

/**
 * What every command does with its arguments: `--help`/`-h` prints the usage on stdout and exits 0; a
 * command line it cannot run prints one line saying why and the usage on stderr, and exits 2. `read` turns
 * the parsed line into the command's options and throws a UsageError for a missing or invalid value.
 *
 * @example
 * const { ordersPerSecond } = parseOrExit(planCommand, process.argv.slice(2), ({ values }) => ({
 *   ordersPerSecond: requiredNumber(values["orders-per-second"]),
 * }));
 */
export function parseOrExit<O extends ParseArgsOptionsConfig, T = CommandLine<O>>(
  command: Command<O>,
  argv: readonly string[] = process.argv.slice(2),
  read: (line: CommandLine<O>) => T = (line) => line as T,
): T {
  try {
    const line = readCommandLine(command, argv);
    if (line === "help") {
      process.stdout.write(`${command.usage}\n`);
      process.exit(0);
    }
    return read(line);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return exitWithUsage(command, error.message);
  }
}

/** Refuses the command line: `message` and the usage on stderr, exit status 2. */
export function exitWithUsage(
  command: Pick<Command<ParseArgsOptionsConfig>, "name" | "usage">,
  message: string,
): never {
  process.stderr.write(`${command.name}: ${message}\n${command.usage}\n`);
  process.exit(2);
}
