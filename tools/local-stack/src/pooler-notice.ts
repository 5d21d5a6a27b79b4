import { pgBouncerInstallCommand } from "@orders/preflight";

/**
 * What the banners say when the chain runs without PgBouncer: what is missing, what that changes, and the one
 * command that adds it (the preflight's). Empty when the chain has its pooler.
 */
export function missingPoolerNotice(withoutPooler: string | undefined): string[] {
  if (!withoutPooler) return [];
  return [
    `${withoutPooler}, so the chain has no transaction pooler: each service connection is a PostgreSQL`,
    "connection of its own, and RDS Proxy's pool size and borrow queue are not emulated (the pinning check",
    "still judges every statement).",
    `Add it, then restart: ${pgBouncerInstallCommand}`,
  ];
}
