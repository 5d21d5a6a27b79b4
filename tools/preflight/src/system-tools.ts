import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** A program the tests start themselves, and how to get it on Debian/Ubuntu. */
export interface SystemTool {
  name: string;
  /** The Debian/Ubuntu package that provides it. */
  aptPackage: string;
  /** Why the tests need it, in a few words. */
  purpose: string;
  /** Another way to get it, when the apt package is not the only one. */
  alternative?: string;
  /** Where it is, or why it was not found. */
  locate(): { found: string } | { missing: string };
}

/** The first `name` on `PATH` that this process may execute. */
export function onPath(name: string, path = process.env.PATH ?? ""): string | undefined {
  return path
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((candidate) => {
      try {
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** Runs `find`, turning its error into the reason the tool is missing. */
export function locateWith(find: () => string | undefined): () => { found: string } | { missing: string } {
  return () => {
    try {
      const found = find();
      return found ? { found } : { missing: "not found" };
    } catch (error) {
      return { missing: error instanceof Error ? error.message : String(error) };
    }
  };
}

/**
 * What is missing, as one message that names the one command to install it all (empty when nothing is).
 */
export function preflightReport(tools: SystemTool[]): { missing: string[]; message: string } {
  const missing = tools.flatMap((tool) => {
    const located = tool.locate();
    return "missing" in located ? [{ tool, reason: located.missing }] : [];
  });
  if (missing.length === 0) return { missing: [], message: "" };
  const lines = missing.map(
    ({ tool, reason }) =>
      `  - ${tool.name} (${tool.purpose}): ${reason}${tool.alternative ? `\n    or: ${tool.alternative}` : ""}`,
  );
  return {
    missing: missing.map(({ tool }) => tool.name),
    message: [
      "npm test stopped before running anything: the tests start programs this machine does not have.",
      ...lines,
      "Install them (Debian/Ubuntu, as root or with sudo):",
      `  ${aptInstallCommand(missing.map(({ tool }) => tool.aptPackage))}`,
    ].join("\n"),
  };
}

/** The one command that installs these Debian/Ubuntu packages (as root or with sudo). */
export function aptInstallCommand(packages: readonly string[]): string {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
}
