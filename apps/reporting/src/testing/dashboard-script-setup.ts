import { writeDashboardScript } from "../http/dashboard/build-dashboard-script";

/** Vitest global setup: every test run serves the dashboard script built from the current browser code. */
export async function setup(): Promise<void> {
  await writeDashboardScript();
}
