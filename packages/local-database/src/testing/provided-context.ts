import type { ServiceName } from "@orders/settings";

/** What the global setup hands to every test file of a run (vitest `provide`/`inject`). */
declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresTemplate: string;
    serviceRolePasswords: Record<ServiceName, string>;
    /** Port of the pinning check in front of the transaction-mode pooler that service roles go through. */
    serviceChainPort: number;
  }
}
