import { relative } from "node:path";
import { writeDashboardScript } from "./dashboard-bundle";

/**
 * `npm run build -w @orders/reporting`: writes the dashboard's bundled browser code (committed; the Lambda
 * ships it beside its bundle through infra's `copyFiles`); run it after changing the browser code.
 */
const path = await writeDashboardScript();
// On stderr: `npm run synth -- --json` runs this first, and its stdout is the JSON.
console.error(`wrote ${relative(process.cwd(), path)}`);
