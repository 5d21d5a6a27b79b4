import type { Fields } from "./fields";

/** One benchmark's part of docs/performance.md: fixed method and caveats, figures from its result file. */
export interface ReportSection {
  /** The benchmark's name: `npm run bench -- <name>` writes bench/results/<name>.json. */
  benchmark: string;
  heading: string;
  /** How it is measured (Markdown, no figures: those come from the result file). */
  method: string;
  /** What the figures do and do not show. */
  caveats: string;
  /** The figures of one result file as Markdown. */
  figures(result: Fields): string;
  /** The README's headline row: a few words each. */
  headline(result: Fields): { what: string; result: string };
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replaceAll(" ", "-");
}
