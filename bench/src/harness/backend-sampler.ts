import postgres from "postgres";

export interface BackendSampler {
  /** Stops sampling and returns the highest count seen (and how many samples were taken). */
  stop(): Promise<{ peak: number; samples: number; series: { atMs: number; backends: number }[] }>;
}

/**
 * Counts the server's client backends of one role every `intervalMs` on its own superuser connection (which
 * uses a reserved slot, so it keeps sampling while ordinary roles are refused).
 */
export async function startBackendSampler(
  adminUrl: string,
  role: string,
  options: {
    intervalMs?: number;
    /** Leave out backends whose application_name starts with this (another round's clients). */
    ignoreApplicationPrefix?: string;
  } = {},
): Promise<BackendSampler> {
  const intervalMs = options.intervalMs ?? 20;
  const ignore = options.ignoreApplicationPrefix ?? null;
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connection: { application_name: "sampler" } });
  await sql`select 1`;
  const started = performance.now();
  const series: { atMs: number; backends: number }[] = [];
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where usename = ${role} and backend_type = 'client backend'
            and (${ignore}::text is null or not starts_with(application_name, ${ignore}::text))`;
        const backends = row?.n ?? 0;
        peak = Math.max(peak, backends);
        series.push({ atMs: Math.round(performance.now() - started), backends });
      } catch {
        // A restart drops this connection too; postgres.js reconnects on the next query.
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await sql.end({ timeout: 1 });
      return { peak, samples: series.length, series };
    },
  };
}
