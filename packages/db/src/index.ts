export type { Database } from "./database";
export { defaultMigrationsFolder, type MigrateOptions, runMigrations } from "./migrate";
export { findOrderWithItems, type OrderWithItems } from "./queries/orders";
export { listProducts } from "./queries/products";
export { setServiceRolePassword } from "./roles";
export * from "./schema";
export * as schema from "./schema";
export { demoCatalogue, seedDemoCatalogue, upsertProducts } from "./seed";
