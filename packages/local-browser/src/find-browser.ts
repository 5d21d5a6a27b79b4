import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { chromium } from "playwright-core";

/** A place a Chromium-family browser may be installed, and what put it there. */
export interface BrowserCandidate {
  path: string;
  source: "CHROMIUM_PATH" | "Debian chromium" | "Google Chrome" | "Playwright";
}

/** What to install when no browser is found: one line for Debian/Ubuntu. */
export const browserInstallHint =
  "apt-get install -y chromium (Debian), Google Chrome (preinstalled on GitHub's Ubuntu runners; Ubuntu's apt " +
  "chromium is a snap wrapper), `npx playwright-core install chromium` where the network allows, or set CHROMIUM_PATH";

/**
 * Where to look, in order: `CHROMIUM_PATH`; Debian's `chromium`; Google Chrome, which GitHub's Ubuntu runner
 * images ship (their apt `chromium` is a snap wrapper: docs/decisions/0014-test-browser-lookup.md); then the
 * Chromium that `npx playwright-core install chromium` downloads for this version of Playwright.
 */
export function browserCandidates(
  env: NodeJS.ProcessEnv,
  playwrightChromium: string | undefined,
): BrowserCandidate[] {
  const onPath = (name: string) =>
    (env.PATH ?? "")
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, name));
  return [
    ...(env.CHROMIUM_PATH ? [{ path: env.CHROMIUM_PATH, source: "CHROMIUM_PATH" as const }] : []),
    ...["/usr/bin/chromium", ...onPath("chromium")].map((path) => ({
      path,
      source: "Debian chromium" as const,
    })),
    ...[
      "/usr/bin/google-chrome",
      "/usr/bin/google-chrome-stable",
      "/opt/google/chrome/chrome",
      ...onPath("google-chrome"),
      ...onPath("google-chrome-stable"),
    ].map((path) => ({ path, source: "Google Chrome" as const })),
    ...(playwrightChromium ? [{ path: playwrightChromium, source: "Playwright" as const }] : []),
  ];
}

/** The first candidate that is an executable file, or undefined. */
export function firstExecutable(candidates: BrowserCandidate[]): BrowserCandidate | undefined {
  return candidates.find(({ path }) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * The browser every browser test, screenshot and benchmark uses. A `CHROMIUM_PATH` that points nowhere is an
 * error, not a reason to quietly run another browser.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserCandidate {
  if (env.CHROMIUM_PATH && !firstExecutable([{ path: env.CHROMIUM_PATH, source: "CHROMIUM_PATH" }])) {
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
  }
  const found = firstExecutable(browserCandidates(env, chromium.executablePath()));
  if (!found) throw new Error(`no Chromium or Google Chrome found. Install one: ${browserInstallHint}`);
  return found;
}
