import { html, raw } from "hono/html";
import type { UtcDay } from "../../domain/utc-day";
import type { SignInSettings } from "./page-contract";

export interface DashboardView {
  from: UtcDay;
  to: UtcDay;
  /** Range choices offered as links (days). */
  rangeChoices: readonly number[];
  selectedDays: number;
  signIn?: SignInSettings | undefined;
}

// A constant of this file, inserted raw: escaped, its quotes would break the selectors and font names.
const styles = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f3f4f6; color: #111827; }
  header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between;
    padding: 1rem 2rem; background: #111827; color: #f9fafb; }
  header h1 { margin: 0; font-size: 1.35rem; font-weight: 600; }
  header nav a { color: #d1d5db; margin-left: .75rem; text-decoration: none; }
  header nav a[aria-current=page] { color: #fff; font-weight: 600; text-decoration: underline; }
  main { max-width: 1280px; margin: 0 auto; padding: 1.25rem 2rem 2rem; }
  .meta { color: #4b5563; font-size: .9rem; margin: 0 0 1rem; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: .75rem; margin-bottom: 1rem; }
  .tile { background: #fff; border-radius: 8px; padding: .75rem 1rem; box-shadow: 0 1px 2px #0000001a; }
  .tile .label { display: block; font-size: .8rem; color: #6b7280; text-transform: uppercase; letter-spacing: .04em; }
  .tile .value { display: block; font-size: 1.6rem; font-weight: 600; margin-top: .25rem; font-variant-numeric: tabular-nums; }
  .tile.alert { background: #fef2f2; outline: 2px solid #dc2626; }
  .tile.alert .value { color: #b91c1c; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 1rem; }
  section.card { background: #fff; border-radius: 8px; padding: 1rem 1.25rem; box-shadow: 0 1px 2px #0000001a; }
  section.card h2 { margin: 0 0 .75rem; font-size: 1.05rem; }
  .chart { position: relative; height: 260px; }
  table { width: 100%; border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e5e7eb; }
  th:not(:first-child):not(:nth-child(2)), td:not(:first-child):not(:nth-child(2)) { text-align: right; }
  details { margin-top: .75rem; }
  .error { color: #b91c1c; margin: .5rem 0; }
  .session { display: flex; gap: 1rem; align-items: center; background: #fff; border-radius: 8px; padding: .75rem 1rem;
    margin-bottom: 1rem; box-shadow: 0 1px 2px #0000001a; }
  .session button { padding: .35rem .9rem; }
  #access-message { background: #fffbeb; outline: 2px solid #d97706; border-radius: 8px; padding: .75rem 1rem; margin: 0 0 1rem; }
  main[data-ready=signed-out] .reports, main[data-ready=forbidden] .reports { display: none; }
`;

/**
 * The dashboard page: server-rendered layout, range and empty tables; the numbers are filled in by
 * `/assets/dashboard.js` from the JSON API, with Chart.js served from this service (no CDN).
 */
export function renderDashboard(view: DashboardView) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Orders — sales dashboard</title>
    <link rel="icon" href="data:," />
    <style>${raw(styles)}</style>
    <script src="/assets/chart.umd.min.js" defer></script>
    <script src="/assets/dashboard.js" defer></script>
  </head>
  <body>
    <header>
      <h1>Orders — sales dashboard</h1>
      <nav aria-label="Range">
        Last
        ${view.rangeChoices.map(
          (days) =>
            html`<a href="/?days=${days}" ${days === view.selectedDays ? html`aria-current="page"` : ""}>${days} days</a>`,
        )}
      </nav>
    </header>
    <main data-from="${view.from}" data-to="${view.to}" data-sign-in="${view.signIn ? JSON.stringify(view.signIn) : ""}">
      <div class="session">
        <span id="session-status">Signing in…</span>
        <button type="button" id="sign-in" hidden>Sign in</button>
        <button type="button" id="sign-out" hidden>Sign out</button>
      </div>
      <p id="access-message" role="alert" hidden></p>
      <div class="reports">
      <p class="meta">
        Accepted orders by UTC day processed, ${view.from} to ${view.to}. Updated <span id="updated-at">…</span>
        · <a href="/openapi.json">API (OpenAPI)</a>
      </p>
      <div class="tiles">
        <div class="tile"><span class="label">Revenue</span><span class="value" id="total-revenue">…</span></div>
        <div class="tile"><span class="label">Orders</span><span class="value" id="total-orders">…</span></div>
        <div class="tile"><span class="label">Units</span><span class="value" id="total-units">…</span></div>
        <div class="tile"><span class="label">Queue waiting</span><span class="value" id="queue-visible">…</span></div>
        <div class="tile"><span class="label">Queue in flight</span><span class="value" id="queue-in-flight">…</span></div>
        <div class="tile" id="dlq-tile"><span class="label">Dead-letter queue</span><span class="value" id="dlq-visible">…</span></div>
      </div>
      <p class="error" id="queue-error" hidden></p>
      <div class="grid">
        <section class="card" aria-labelledby="revenue-title">
          <h2 id="revenue-title">Revenue per day</h2>
          <div class="chart"><canvas id="revenue-chart" role="img" aria-label="Revenue per day"></canvas></div>
        </section>
        <section class="card" aria-labelledby="orders-title">
          <h2 id="orders-title">Orders per day</h2>
          <div class="chart"><canvas id="orders-chart" role="img" aria-label="Orders per day"></canvas></div>
          <p class="error" id="daily-error" hidden></p>
          <details>
            <summary>Daily figures</summary>
            <table id="daily-table">
              <thead><tr><th>Day</th><th>Orders</th><th>Units</th><th>Revenue</th></tr></thead>
              <tbody></tbody>
            </table>
          </details>
        </section>
        <section class="card" aria-labelledby="products-title">
          <h2 id="products-title">Top products by revenue</h2>
          <div class="chart"><canvas id="products-chart" role="img" aria-label="Top products by revenue"></canvas></div>
          <p class="error" id="products-error" hidden></p>
        </section>
        <section class="card" aria-labelledby="products-table-title">
          <h2 id="products-table-title">Top products</h2>
          <table id="products-table">
            <thead><tr><th>SKU</th><th>Product</th><th>Units</th><th>Revenue</th></tr></thead>
            <tbody></tbody>
          </table>
        </section>
      </div>
      </div>
    </main>
  </body>
</html>`;
}
