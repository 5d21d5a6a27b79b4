export type { BrowserContext, Page } from "playwright-core";
export {
  type BrowserCandidate,
  browserCandidates,
  browserInstallHint,
  findBrowser,
  firstExecutable,
} from "./find-browser";
export { type HeadlessChromium, launchChromium } from "./launch-chromium";
