import postgres from "postgres";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Backends of `role` whose application_name starts with `prefix`, counted a second after the round (time
 * for clean disconnects to finish).
 */
export async function countBackends(adminUrl: string, role: string, prefix: string): Promise<number> {
  await pause(1000);
  return await withAdmin(adminUrl, async (sql) => {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where usename = ${role} and starts_with(application_name, ${prefix})`;
    return row?.n ?? 0;
  });
}

/**
 * Terminates every backend of `role` and waits (up to 30 s) until none is left, then a moment more: a backend
 * leaves pg_stat_activity just before its slot is free, and a pooler that logs in during that moment gets
 * 53300, and then holds more server connections than its pool size.
 */
export async function clearBackends(adminUrl: string, role: string): Promise<void> {
  await withAdmin(adminUrl, async (sql) => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [row] = await sql<{ n: number }[]>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where usename = ${role}`;
      if (row?.n === 0) break;
      await pause(100);
    }
    await pause(500);
  });
}

/**
 * Runs `work` on a fresh superuser connection. Right after a storm even the superuser's reserved slots can
 * be taken by backends still starting or exiting, so `53300` is retried for up to 30 s.
 */
async function withAdmin<T>(adminUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      return await work(sql);
    } catch (error) {
      const full = (error as { code?: string }).code === "53300";
      if (!full || Date.now() > deadline) throw error;
      await pause(200);
    } finally {
      await sql.end();
    }
  }
}
