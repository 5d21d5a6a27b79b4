import type { ChartConfiguration, Chart as ChartJs } from "chart.js";
import type { DailySales, QueueDepths, TopProduct } from "./api";
import { element, setText } from "./dom";

/** Chart.js's UMD build, loaded by the page before this script, defines the global `Chart`. */
declare const Chart: typeof ChartJs;

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const whole = new Intl.NumberFormat("en-US");
const axisMoney = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});
const dollars = (cents: number): string => money.format(cents / 100);
const charts: Record<string, ChartJs> = {};

function draw(id: string, config: ChartConfiguration): void {
  charts[id]?.destroy();
  charts[id] = new Chart(element<HTMLCanvasElement>(id), config);
}

const baseOptions = {
  animation: false,
  maintainAspectRatio: false,
  plugins: { legend: { display: false } },
} as const;

/** Each chart's numbers also go into a table: for screen readers, copy-paste and the browser test. */
function fillTable(id: string, rows: string[][]): void {
  const body = document.querySelector(`#${id} tbody`);
  if (!body) throw new Error(`the page has no #${id} tbody`);
  body.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement("tr");
      for (const cell of cells) {
        const td = document.createElement("td");
        td.textContent = cell;
        tr.append(td);
      }
      return tr;
    }),
  );
}

/** Revenue and orders per day over `days` (a day without orders draws as 0), the table and the totals. */
export function renderDaily(days: readonly string[], entries: DailySales[]): void {
  const byDay = new Map(entries.map((e) => [e.day, e]));
  const labels = days.map((d) => d.slice(5));
  const revenue = days.map((d) => (byDay.get(d)?.revenueCents ?? 0) / 100);
  const orders = days.map((d) => byDay.get(d)?.orders ?? 0);
  draw("revenue-chart", {
    type: "bar",
    data: { labels, datasets: [{ label: "Revenue (USD)", data: revenue, backgroundColor: "#2563eb" }] },
    options: {
      ...baseOptions,
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => axisMoney.format(Number(v)) } } },
      plugins: {
        ...baseOptions.plugins,
        tooltip: { callbacks: { label: (c) => money.format(c.parsed.y ?? 0) } },
      },
    },
  });
  draw("orders-chart", {
    type: "line",
    data: {
      labels,
      datasets: [
        {
          label: "Orders",
          data: orders,
          borderColor: "#059669",
          backgroundColor: "#05966933",
          fill: true,
          tension: 0.25,
        },
      ],
    },
    options: { ...baseOptions, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  fillTable(
    "daily-table",
    entries.map((e) => [e.day, whole.format(e.orders), whole.format(e.units), dollars(e.revenueCents)]),
  );
  const totals = entries.reduce(
    (t, e) => ({
      orders: t.orders + e.orders,
      units: t.units + e.units,
      revenueCents: t.revenueCents + e.revenueCents,
    }),
    { orders: 0, units: 0, revenueCents: 0 },
  );
  setText("total-revenue", dollars(totals.revenueCents));
  setText("total-orders", whole.format(totals.orders));
  setText("total-units", whole.format(totals.units));
}

export function renderTopProducts(products: TopProduct[]): void {
  draw("products-chart", {
    type: "bar",
    data: {
      labels: products.map((p) => p.name),
      datasets: [
        {
          label: "Revenue (USD)",
          data: products.map((p) => p.revenueCents / 100),
          backgroundColor: "#7c3aed",
        },
      ],
    },
    options: {
      ...baseOptions,
      indexAxis: "y",
      scales: { x: { beginAtZero: true, ticks: { callback: (v) => axisMoney.format(Number(v)) } } },
    },
  });
  fillTable(
    "products-table",
    products.map((p) => [p.sku, p.name, whole.format(p.units), dollars(p.revenueCents)]),
  );
}

/** The queue tiles; the dead-letter tile turns red while it holds anything. */
export function renderQueues(depths: QueueDepths): void {
  setText("queue-visible", whole.format(depths.orders.visible));
  setText("queue-in-flight", whole.format(depths.orders.inFlight));
  setText("dlq-visible", whole.format(depths.deadLetter.visible));
  element("dlq-tile").classList.toggle("alert", depths.deadLetter.visible > 0);
}

/** A section whose report could not be loaded says why, under it. */
export function showError(section: "daily" | "products" | "queue", error: Error): void {
  const box = element(`${section}-error`);
  box.hidden = false;
  box.textContent = `Could not load: ${error.message}`;
}
