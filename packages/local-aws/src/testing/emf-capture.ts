/** One metric set of an EMF line, as CloudWatch reads it. */
export interface EmfMetricSet {
  namespace: string;
  /** The dimension values of the set (its first dimension set; Powertools writes one). */
  dimensions: Record<string, string>;
  /** Metric name → its values in this line (EMF allows one value or an array of them). */
  values: Record<string, number[]>;
  /** Metric name → its unit. */
  units: Record<string, string>;
}

export interface EmfCapture {
  /** Every metric set written since the capture started, in order. */
  sets(): EmfMetricSet[];
  /** The other JSON lines written meanwhile (logs), parsed; kept out of the test report. */
  logs(): Record<string, unknown>[];
  /** All values of one metric, optionally only from sets with these dimension values. */
  values(metric: string, dimensions?: Record<string, string>): number[];
  /** Stops capturing and restores stdout and `POWERTOOLS_METRICS_DISABLED`. */
  restore(): void;
}

/**
 * Collects the Embedded Metric Format lines a function prints, and reads them as CloudWatch Logs would:
 * a JSON object whose `_aws` member has a `Timestamp` and `CloudWatchMetrics` directives, each naming a
 * namespace, dimension sets and metrics whose values (and dimension values) are members of the same
 * object. A line that breaks those rules fails the test instead of being skipped, as CloudWatch would drop
 * it ("Specification: Embedded metric format", CloudWatch user guide).
 *
 * Powertools Metrics reads `POWERTOOLS_METRICS_DISABLED` when an instance is created: the capture turns
 * metrics on for instances created while it runs (create the function's module or its Metrics after it).
 * Other JSON lines (logs) are kept for `logs()`; anything else passes through to the real stdout.
 */
export function captureEmf(): EmfCapture {
  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = "false";
  const write = process.stdout.write.bind(process.stdout);
  const collected: EmfMetricSet[] = [];
  const logs: Record<string, unknown>[] = [];
  let pending = "";
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    pending += String(chunk);
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    const others = lines.filter((line) => {
      const sets = emfSets(line);
      if (!sets) {
        if (!line.startsWith("{")) return true;
        logs.push(JSON.parse(line) as Record<string, unknown>);
        return false;
      }
      collected.push(...sets);
      return false;
    });
    if (others.length === 0) return true;
    return (write as (chunk: string, ...args: unknown[]) => boolean)(`${others.join("\n")}\n`, ...rest);
  }) as typeof process.stdout.write;
  return {
    sets: () => [...collected],
    logs: () => [...logs],
    values: (metric, dimensions = {}) =>
      collected
        .filter((set) => Object.entries(dimensions).every(([key, value]) => set.dimensions[key] === value))
        .flatMap((set) => set.values[metric] ?? []),
    restore: () => {
      process.stdout.write = write;
      if (previous === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
      else process.env.POWERTOOLS_METRICS_DISABLED = previous;
    },
  };
}

interface EmfDirective {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

/** The metric sets of one line, undefined when it is not EMF; throws when it claims to be and is not valid. */
function emfSets(line: string): EmfMetricSet[] | undefined {
  if (!line.startsWith("{") || !line.includes('"_aws"')) return undefined;
  const root = JSON.parse(line) as Record<string, unknown> & {
    _aws?: { Timestamp?: unknown; CloudWatchMetrics?: EmfDirective[] };
  };
  const aws = root._aws;
  if (!aws) return undefined;
  const fail = (why: string) => new Error(`invalid EMF line (${why}): ${line}`);
  if (typeof aws.Timestamp !== "number") throw fail("_aws.Timestamp is not a number");
  if (!Array.isArray(aws.CloudWatchMetrics)) throw fail("_aws.CloudWatchMetrics is not an array");
  return aws.CloudWatchMetrics.map((directive) => {
    if (typeof directive.Namespace !== "string" || directive.Namespace === "") throw fail("no Namespace");
    if (!Array.isArray(directive.Dimensions) || !Array.isArray(directive.Metrics)) {
      throw fail("Dimensions and Metrics must be arrays");
    }
    const dimensions: Record<string, string> = {};
    for (const key of (directive.Dimensions[0] ?? []) as unknown[]) {
      const value = root[String(key)];
      if (typeof value !== "string") throw fail(`dimension ${String(key)} has no string value`);
      dimensions[String(key)] = value;
    }
    const values: Record<string, number[]> = {};
    const units: Record<string, string> = {};
    for (const metric of directive.Metrics as { Name?: unknown; Unit?: unknown }[]) {
      const name = String(metric.Name);
      const value = root[name];
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0 || list.some((v) => typeof v !== "number")) throw fail(`${name} has no number`);
      values[name] = list as number[];
      units[name] = String(metric.Unit ?? "None");
    }
    return { namespace: directive.Namespace, dimensions, values, units };
  });
}
