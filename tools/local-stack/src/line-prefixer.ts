import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

const COLOURS = [36, 35, 33, 32, 34, 31];

/** `name |` in a stable colour per name (plain when the output is not a terminal), padded to line up. */
export function linePrefix(name: string, index: number, colour: boolean, width = 9): string {
  const label = `${name.padEnd(width)}|`;
  if (!colour) return label;
  return `\u001b[${COLOURS[index % COLOURS.length]}m${label}\u001b[0m`;
}

/** Copies a child's output line by line, each line behind its prefix, so interleaved services stay readable. */
export function pipeWithPrefix(stream: Readable, prefix: string, write: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) =>
    write(`${prefix} ${line}`),
  );
}
