/**
 * The dashboard's browser code, served as `/assets/dashboard.js`. Plain ES2020 with no build step: it signs
 * in at the stage's issuer (Authorization Code + PKCE, RFC 7636; the access token lives in memory only, the
 * verifier and state in sessionStorage for the length of the redirect), asks `/me` whether the caller is
 * staff, then reads the range the server rendered into `<main>`, fetches the same JSON API any client uses
 * with the token, and draws the charts with the locally served Chart.js (the global `Chart` from its UMD
 * build). Each chart also gets a table of its numbers (for screen readers, copy-paste and the browser test).
 * Range links switch in place, so the token in memory survives. "Sign out" forgets the token and, where the
 * settings name a logout endpoint, ends the provider's session there and comes back to the page.
 */
export const dashboardScript = `"use strict";
(() => {
  const main = document.querySelector("main");
  const to = main.dataset.to;
  let from = main.dataset.from;
  const signIn = main.dataset.signIn ? JSON.parse(main.dataset.signIn) : null;
  const redirectUri = location.origin + "/";
  let accessToken = null;
  let timer = null;
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  const whole = new Intl.NumberFormat("en-US");
  const axisMoney = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
  const dollars = (cents) => money.format(cents / 100);
  const charts = {};

  let days = [];
  function setRange(count) {
    from = new Date(Date.parse(to + "T00:00:00Z") - (count - 1) * 86400000).toISOString().slice(0, 10);
    days = [];
    for (let t = Date.parse(from + "T00:00:00Z"); t <= Date.parse(to + "T00:00:00Z"); t += 86400000) {
      days.push(new Date(t).toISOString().slice(0, 10));
    }
    for (const link of document.querySelectorAll("header nav a")) {
      if (link.getAttribute("href") === "/?days=" + count) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }
  const daysOf = (search) => Number(new URLSearchParams(search).get("days")) || 0;
  setRange(Math.round((Date.parse(to) - Date.parse(from)) / 86400000) + 1);

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: "application/json", Authorization: "Bearer " + accessToken } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || response.statusText);
    return body;
  }

  const base64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/[+]/g, "-").replace(/[/]/g, "_").replace(/=+$/, "");
  const randomText = (size) => base64url(crypto.getRandomValues(new Uint8Array(size)));

  async function startSignIn() {
    const verifier = randomText(32);
    const state = randomText(16);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
    sessionStorage.setItem("dashboard-sign-in", JSON.stringify({ verifier, state, search: location.search }));
    const url = new URL(signIn.authorizeUrl);
    url.search = new URLSearchParams({
      client_id: signIn.clientId,
      response_type: "code",
      redirect_uri: redirectUri,
      scope: signIn.scope,
      code_challenge: base64url(new Uint8Array(digest)),
      code_challenge_method: "S256",
      state,
    }).toString();
    location.assign(url.toString());
  }

  async function finishSignIn(params) {
    const pending = JSON.parse(sessionStorage.getItem("dashboard-sign-in") || "null");
    sessionStorage.removeItem("dashboard-sign-in");
    if (params.get("error")) throw new Error(params.get("error_description") || params.get("error"));
    if (!pending || pending.state !== params.get("state")) throw new Error("this sign-in answer is not for this page");
    const response = await fetch(signIn.tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: signIn.clientId,
        code: params.get("code"),
        redirect_uri: redirectUri,
        code_verifier: pending.verifier,
      }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error_description || body.error || response.statusText);
    history.replaceState(null, "", "/" + pending.search);
    if (daysOf(pending.search)) setRange(daysOf(pending.search));
    return body.access_token;
  }

  function showSignedOut(message) {
    accessToken = null;
    if (timer) clearInterval(timer);
    setText("session-status", message);
    document.getElementById("sign-in").hidden = !signIn;
    document.getElementById("sign-out").hidden = true;
    main.dataset.ready = "signed-out";
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

  async function start() {
    if (!signIn) return showSignedOut("Sign-in is not configured for this stage.");
    const params = new URLSearchParams(location.search);
    if (params.has("code") || params.has("error")) {
      try {
        accessToken = await finishSignIn(params);
      } catch (error) {
        history.replaceState(null, "", "/");
        return showSignedOut("Sign-in failed: " + error.message + ". Sign in again.");
      }
    }
    const signedOut = sessionStorage.getItem("dashboard-signed-out");
    sessionStorage.removeItem("dashboard-signed-out");
    if (!accessToken) return showSignedOut(signedOut ? "Signed out." : "Sign in to see the reports.");
    const response = await fetch("/me", { headers: { Accept: "application/json", Authorization: "Bearer " + accessToken } });
    if (!response.ok) return showSignedOut("Your session has ended. Sign in again.");
    const me = await response.json();
    setText("session-status", "Signed in as " + me.subject + (me.staff ? " (staff)" : ""));
    document.getElementById("sign-in").hidden = true;
    document.getElementById("sign-out").hidden = false;
    if (!me.staff) {
      const message = document.getElementById("access-message");
      message.hidden = false;
      message.textContent =
        "You are signed in as " + me.subject + ", who is not staff. The reports are for staff only: " +
        "sign out and sign in with a staff account, or ask to be added to the staff group.";
      main.dataset.ready = "forbidden";
      return;
    }
    await refresh();
    timer = setInterval(refresh, 30000);
  }

  document.getElementById("sign-in").addEventListener("click", () => startSignIn());
  document.getElementById("sign-out").addEventListener("click", () => {
    document.getElementById("access-message").hidden = true;
    showSignedOut("Signed out.");
    if (!signIn.logoutUrl) return;
    // End the provider's session too, or the next "Sign in" on this browser comes straight back signed in.
    sessionStorage.setItem("dashboard-signed-out", "1");
    const url = new URL(signIn.logoutUrl);
    url.searchParams.set("client_id", signIn.clientId);
    url.searchParams.set(signIn.logoutReturnParameter || "post_logout_redirect_uri", redirectUri);
    location.assign(url.toString());
  });
  for (const link of document.querySelectorAll("header nav a")) {
    link.addEventListener("click", (event) => {
      if (!accessToken) return;
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
      setRange(daysOf(link.getAttribute("href").slice(1)));
      refresh();
    });
  }
  start();
})();
`;
