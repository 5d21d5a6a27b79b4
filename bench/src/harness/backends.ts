import postgres from "postgres";
import { pause } from "./pause";

/**
 * Backends of `role` whose application_name starts with `prefix` once the round's clients have closed: polled
 * until none is left, or counted after `settleMs` (time for clean disconnects to finish), so a clean round
 * returns at once and a connection still open after that is reported.
 */
export async function countBackends(
  adminUrl: string,
  role: string,
  prefix: string,
  settleMs = 1000,
): Promise<number> {
  return await withAdmin(adminUrl, async (sql) => {
    const deadline = Date.now() + settleMs;
    for (;;) {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where usename = ${role} and starts_with(application_name, ${prefix})`;
      const open = row?.n ?? 0;
      if (open === 0 || Date.now() >= deadline) return open;
      await pause(50);
    }
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
