const dayMs = 86_400_000;

const isoDay = (time: number): string => new Date(time).toISOString().slice(0, 10);
const midnight = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The `count` UTC days ending on `to` (YYYY-MM-DD): the first, and every day oldest first. */
export function rangeEndingOn(to: string, count: number): { from: string; days: string[] } {
  const from = isoDay(midnight(to) - (count - 1) * dayMs);
  const days: string[] = [];
  for (let t = midnight(from); t <= midnight(to); t += dayMs) days.push(isoDay(t));
  return { from, days };
}

/** How many days `from`..`to` spans, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / dayMs) + 1;
}

/** The `days` a query string asks for (`?days=30`), 0 when none. */
export function daysOf(search: string): number {
  return Number(new URLSearchParams(search).get("days")) || 0;
}
