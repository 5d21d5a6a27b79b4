import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { findBrowser } from "./find-browser";

/**
 * Flags for a headless Chromium on a machine without a network: the background-networking flags stop it
 * from dialling Google's services (refused here, many at a time); no sandbox because tests run as root.
 */
const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A real headless Chromium with a fresh, throw-away profile directory (`--user-data-dir`). */
export async function launchChromium(viewport = { width: 1440, height: 1000 }): Promise<HeadlessChromium> {
  const executablePath = findBrowser().path;
  const profile = await mkdtemp(join(tmpdir(), "orders-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: flags,
    viewport,
    deviceScaleFactor: 1,
    locale: "en-US",
    timezoneId: "UTC",
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
