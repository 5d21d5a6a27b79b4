/**
 * The dashboard's browser code, served as `/assets/dashboard.js`. Plain ES2020 with no build step: it reads
 * the range the server rendered into `<main>`, fetches the same JSON API any client uses, and draws the
 * charts with the locally served Chart.js (the global `Chart` from its UMD build). Each chart also gets a
 * table of its numbers (for screen readers, copy-paste and the browser test).
 */
export const dashboardScript = `"use strict";
(() => {
  const main = document.querySelector("main");
  const from = main.dataset.from;
  const to = main.dataset.to;
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  const whole = new Intl.NumberFormat("en-US");
  const axisMoney = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
  const dollars = (cents) => money.format(cents / 100);
  const charts = {};

  const days = [];
  for (let t = Date.parse(from + "T00:00:00Z"); t <= Date.parse(to + "T00:00:00Z"); t += 86400000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || response.statusText);
    return body;
  }

  function setText(id, text) {
    document.getElementById(id).textContent = text;
  }

  function fillTable(id, rows) {
    const body = document.querySelector("#" + id + " tbody");
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

  function draw(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart(document.getElementById(id), config);
  }

  const baseOptions = {
    animation: false,
    maintainAspectRatio: false,
    plugins: { legend: { display: false } },
  };

  function renderDaily(entries) {
    const byDay = new Map(entries.map((e) => [e.day, e]));
    const labels = days.map((d) => d.slice(5));
    const revenue = days.map((d) => (byDay.get(d) ? byDay.get(d).revenueCents / 100 : 0));
    const orders = days.map((d) => (byDay.get(d) ? byDay.get(d).orders : 0));
    draw("revenue-chart", {
      type: "bar",
      data: { labels, datasets: [{ label: "Revenue (USD)", data: revenue, backgroundColor: "#2563eb" }] },
      options: {
        ...baseOptions,
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => axisMoney.format(v) } } },
        plugins: { ...baseOptions.plugins, tooltip: { callbacks: { label: (c) => money.format(c.parsed.y) } } },
      },
    });
    draw("orders-chart", {
      type: "line",
      data: {
        labels,
        datasets: [{ label: "Orders", data: orders, borderColor: "#059669", backgroundColor: "#05966933", fill: true, tension: 0.25 }],
      },
      options: { ...baseOptions, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    fillTable("daily-table", entries.map((e) => [e.day, whole.format(e.orders), whole.format(e.units), dollars(e.revenueCents)]));
    const totals = entries.reduce(
      (t, e) => ({ orders: t.orders + e.orders, units: t.units + e.units, revenueCents: t.revenueCents + e.revenueCents }),
      { orders: 0, units: 0, revenueCents: 0 },
    );
    setText("total-revenue", dollars(totals.revenueCents));
    setText("total-orders", whole.format(totals.orders));
    setText("total-units", whole.format(totals.units));
  }

  function renderTopProducts(products) {
    draw("products-chart", {
      type: "bar",
      data: {
        labels: products.map((p) => p.name),
        datasets: [{ label: "Revenue (USD)", data: products.map((p) => p.revenueCents / 100), backgroundColor: "#7c3aed" }],
      },
      options: {
        ...baseOptions,
        indexAxis: "y",
        scales: { x: { beginAtZero: true, ticks: { callback: (v) => axisMoney.format(v) } } },
      },
    });
    fillTable("products-table", products.map((p) => [p.sku, p.name, whole.format(p.units), dollars(p.revenueCents)]));
  }

  function renderQueues(depths) {
    setText("queue-visible", whole.format(depths.orders.visible));
    setText("queue-in-flight", whole.format(depths.orders.inFlight));
    setText("dlq-visible", whole.format(depths.deadLetter.visible));
    document.getElementById("dlq-tile").classList.toggle("alert", depths.deadLetter.visible > 0);
  }

  function showError(section, error) {
    const box = document.getElementById(section + "-error");
    box.hidden = false;
    box.textContent = "Could not load: " + error.message;
  }

  async function refresh() {
    const range = "from=" + from + "&to=" + to;
    const tasks = [
      getJson("/reports/daily-sales?" + range).then(renderDaily, (e) => showError("daily", e)),
      getJson("/reports/top-products?" + range + "&limit=10").then(renderTopProducts, (e) => showError("products", e)),
      getJson("/reports/queue").then(renderQueues, (e) => showError("queue", e)),
    ];
    await Promise.all(tasks);
    setText("updated-at", new Date().toISOString().slice(11, 19) + " UTC");
    main.dataset.ready = "true";
  }

  refresh();
  setInterval(refresh, 30000);
})();
`;
