/**
 * The dashboard's browser code, bundled into `/assets/dashboard.js` (see `scripts/dashboard-bundle.ts`). It
 * signs in at the stage's issuer (Authorization Code + PKCE, RFC 7636; the access token lives in memory
 * only, the verifier and state in sessionStorage for the length of the redirect), asks `/me` whether the
 * caller is staff, then reads the range the server rendered into `<main>`, fetches the same JSON API any
 * client uses with the token, and draws the charts with the locally served Chart.js. Range links switch in
 * place, so the token in memory survives. "Sign out" forgets the token and, where the settings name a logout
 * endpoint, ends the provider's session there and comes back to the page.
 */
import type { SignInSettings } from "../page-contract";
import {
  bearerHeaders,
  type Caller,
  type DailySales,
  getJson,
  type QueueDepths,
  type TopProduct,
} from "./api";
import { element, setText } from "./dom";
import { daysBetween, daysOf, rangeEndingOn } from "./range";
import { renderDaily, renderQueues, renderTopProducts, showError } from "./render";
import { finishSignIn, leaveForLogout, startSignIn, takeSignedOut } from "./sign-in";

const refreshMs = 30_000;

const main = document.querySelector("main");
if (!main) throw new Error("the page has no <main>");
const page: HTMLElement = main;
const to = page.dataset.to ?? "";
let from = page.dataset.from ?? "";
const signIn = page.dataset.signIn ? (JSON.parse(page.dataset.signIn) as SignInSettings) : null;
const redirectUri = `${location.origin}/`;
let accessToken: string | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
let days: string[] = [];

const rangeLinks = (): HTMLAnchorElement[] => [
  ...document.querySelectorAll<HTMLAnchorElement>("header nav a"),
];

function setRange(count: number): void {
  ({ from, days } = rangeEndingOn(to, count));
  for (const link of rangeLinks()) {
    if (link.getAttribute("href") === `/?days=${count}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function showSignedOut(message: string): void {
  accessToken = null;
  if (timer) clearInterval(timer);
  setText("session-status", message);
  element("sign-in").hidden = !signIn;
  element("sign-out").hidden = true;
  page.dataset.ready = "signed-out";
}

async function refresh(): Promise<void> {
  const token = accessToken ?? "";
  const range = `from=${from}&to=${to}`;
  const failed = (section: "daily" | "products" | "queue") => (error: Error) => showError(section, error);
  await Promise.all([
    getJson<DailySales[]>(`/reports/daily-sales?${range}`, token).then(
      (entries) => renderDaily(days, entries),
      failed("daily"),
    ),
    getJson<TopProduct[]>(`/reports/top-products?${range}&limit=10`, token).then(
      renderTopProducts,
      failed("products"),
    ),
    getJson<QueueDepths>("/reports/queue", token).then(renderQueues, failed("queue")),
  ]);
  setText("updated-at", `${new Date().toISOString().slice(11, 19)} UTC`);
  page.dataset.ready = "true";
}

async function start(): Promise<void> {
  if (!signIn) return showSignedOut("Sign-in is not configured for this stage.");
  const params = new URLSearchParams(location.search);
  if (params.has("code") || params.has("error")) {
    try {
      const signedIn = await finishSignIn(signIn, redirectUri, params);
      accessToken = signedIn.accessToken;
      if (daysOf(signedIn.search)) setRange(daysOf(signedIn.search));
    } catch (error) {
      history.replaceState(null, "", "/");
      return showSignedOut(`Sign-in failed: ${(error as Error).message}. Sign in again.`);
    }
  }
  const signedOut = takeSignedOut();
  if (!accessToken) return showSignedOut(signedOut ? "Signed out." : "Sign in to see the reports.");
  const response = await fetch("/me", { headers: bearerHeaders(accessToken) });
  if (!response.ok) return showSignedOut("Your session has ended. Sign in again.");
  const me = (await response.json()) as Caller;
  setText("session-status", `Signed in as ${me.subject}${me.staff ? " (staff)" : ""}`);
  element("sign-in").hidden = true;
  element("sign-out").hidden = false;
  if (!me.staff) {
    const message = element("access-message");
    message.hidden = false;
    message.textContent =
      `You are signed in as ${me.subject}, who is not staff. The reports are for staff only: ` +
      "sign out and sign in with a staff account, or ask to be added to the staff group.";
    page.dataset.ready = "forbidden";
    return;
  }
  await refresh();
  timer = setInterval(refresh, refreshMs);
}

setRange(daysBetween(from, to));
element("sign-in").addEventListener("click", () => {
  if (signIn) void startSignIn(signIn, redirectUri);
});
element("sign-out").addEventListener("click", () => {
  element("access-message").hidden = true;
  showSignedOut("Signed out.");
  if (signIn) leaveForLogout(signIn, redirectUri);
});
for (const link of rangeLinks()) {
  link.addEventListener("click", (event) => {
    if (!accessToken) return;
    event.preventDefault();
    const href = link.getAttribute("href") ?? "/";
    history.replaceState(null, "", href);
    setRange(daysOf(href.slice(1)));
    void refresh();
  });
}
void start();
