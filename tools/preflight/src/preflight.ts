/**
 * Runs before `npm test`'s Nx run: one clear message naming the install command when a program the tests
 * start is missing, instead of many projects failing one by one.
 */
import { parseOrExit } from "@orders/cli-args";
import { browserInstallHint, findBrowser } from "@orders/local-browser";
import { findPgBouncerBinary } from "@orders/local-postgres";
import { locateWith, onPath, preflightReport, type SystemTool } from "./system-tools";

parseOrExit({
  name: "npm run preflight",
  usage: `Usage: npm run preflight
Checks that the programs the tests start (PgBouncer, openssl, a Chromium-family browser) are installed,
and names the command that installs a missing one (exit status 1 then).
  -h, --help   this text`,
  options: {},
});

const tools: SystemTool[] = [
  {
    name: "pgbouncer",
    aptPackage: "pgbouncer",
    purpose: "stands in for RDS Proxy",
    locate: locateWith(findPgBouncerBinary),
  },
  {
    name: "openssl",
    aptPackage: "openssl",
    purpose: "makes the TLS test certificates",
    locate: locateWith(() => onPath("openssl")),
  },
  {
    name: "a Chromium-family browser",
    aptPackage: "chromium",
    purpose: "runs the dashboard's browser test",
    alternative: browserInstallHint,
    locate: locateWith(() => findBrowser().path),
  },
];

const { message } = preflightReport(tools);
if (message) {
  console.error(message);
  process.exit(1);
}
