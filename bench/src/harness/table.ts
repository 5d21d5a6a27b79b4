/**
 * Renders rows as a fixed-width text table (console.table cannot print to a custom sink and quotes strings).
 * Hand-written because it is ten lines and the output must go through the benchmark's own logger.
 */
export function formatTable(rows: readonly Record<string, string | number>[]): string {
  const first = rows[0];
  if (!first) return "(no rows)";
  const columns = Object.keys(first);
  const cell = (value: string | number | undefined) => String(value ?? "");
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  // Numbers right-aligned, text left-aligned, so columns of figures line up.
  const numeric = columns.map((c) => rows.every((r) => typeof r[c] === "number"));
  const pad = (v: string, i: number) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0));
  const line = (values: string[]) => values.map(pad).join("  ").trimEnd();
  return [
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join("\n");
}
