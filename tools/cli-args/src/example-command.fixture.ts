/** A command built the way the repository's commands are, for the tests of parseOrExit. */
import { parseOrExit, UsageError } from "./command-line";

const command = {
  name: "example",
  usage: "Usage: example --count <n> [--loud] [word...]",
  options: { count: { type: "string" }, loud: { type: "boolean" } },
  allowPositionals: true,
} as const;

const { count, words } = parseOrExit(command, process.argv.slice(2), ({ values, positionals }) => {
  const count = Number(values.count);
  if (values.count === undefined || !Number.isInteger(count)) {
    throw new UsageError(`--count needs a whole number, got ${values.count ?? "nothing"}`);
  }
  return { count, words: positionals };
});
console.log(`ran with ${count}: ${words.join(" ")}`);
