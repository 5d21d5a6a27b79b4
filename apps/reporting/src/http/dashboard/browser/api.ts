/** What the dashboard reads from the JSON API (the same API any client uses, with the caller's token). */

/** One UTC day of `/reports/daily-sales`. */
export interface DailySales {
  day: string;
  orders: number;
  units: number;
  revenueCents: number;
}

/** One product of `/reports/top-products`. */
export interface TopProduct {
  sku: string;
  name: string;
  units: number;
  revenueCents: number;
}

/** `/reports/queue`: both queues' depth. */
export interface QueueDepths {
  orders: { visible: number; inFlight: number };
  deadLetter: { visible: number };
}

/** `/me`: who the token belongs to, and whether the reports are for them. */
export interface Caller {
  subject: string;
  staff: boolean;
}

export function bearerHeaders(accessToken: string): HeadersInit {
  return { Accept: "application/json", Authorization: `Bearer ${accessToken}` };
}

/** GETs JSON with the token; a refusal throws with the problem's `detail` (RFC 9457). */
export async function getJson<T>(path: string, accessToken: string): Promise<T> {
  const response = await fetch(path, { headers: bearerHeaders(accessToken) });
  const body = (await response.json()) as T & { detail?: string };
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}
