import { writeFile } from "node:fs/promises";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export interface BurstPoint {
  /** Seconds since the burst started. */
  t: number;
  /** Messages on the orders queue (visible + in flight). */
  queueDepth: number;
  /** Orders the worker recorded per second over the last interval. */
  drainPerSecond: number;
  /** Orders the API accepted (202) per second over the last interval. */
  intakePerSecond: number;
}

/**
 * Queue depth and worker drain rate over time as a PNG: Vega-Lite builds the chart, Vega renders it to SVG
 * without a browser, resvg rasterises it (DejaVu fonts on Debian).
 */
export async function renderBurstChart(
  points: readonly BurstPoint[],
  file: string,
  title: string,
): Promise<void> {
  const depth = "queue depth (messages)";
  const rates = "rates (orders/s)";
  const rows = points.flatMap((p) => [
    { t: p.t, panel: depth, series: "queue depth (messages)", value: p.queueDepth },
    { t: p.t, panel: rates, series: "API accepted (202/s)", value: p.intakePerSecond },
    { t: p.t, panel: rates, series: "worker recorded (orders/s)", value: p.drainPerSecond },
  ]);
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 760,
    height: 220,
    background: "white",
    data: { values: rows },
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x: { field: "t", type: "quantitative", title: "seconds since the burst started" },
      y: { field: "value", type: "quantitative", title: null },
      color: { field: "series", type: "nominal", title: null, legend: { orient: "top", labelLimit: 400 } },
      row: { field: "panel", type: "nominal", title: null, header: { labelAngle: 0, labelAlign: "left" } },
    },
    resolve: { scale: { y: "independent" } },
    config: { font: "DejaVu Sans" },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, {
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  await writeFile(file, png);
}
