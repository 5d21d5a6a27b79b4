/** A Markdown table; columns whose header ends with ">" are right-aligned (the ">" is dropped). */
export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const right = headers.map((h) => h.endsWith(">"));
  const names = headers.map((h) => (h.endsWith(">") ? h.slice(0, -1) : h));
  const cell = (v: string | number) => (typeof v === "number" ? grouped(v) : v).replaceAll("|", "\\|");
  return [
    `| ${names.join(" | ")} |`,
    `| ${right.map((r) => (r ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

/** 20000 → "20,000"; 4113.4 → "4,113.4": figures as the docs print them. */
export function grouped(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** Bytes as KiB, whole. */
export const kib = (bytes: number) => Math.round(bytes / 1024);

/** Two decimals, for ratios. */
export const ratio = (value: number) => value.toFixed(2);
