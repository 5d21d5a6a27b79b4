/**
 * What prepares a database for the services, without the schema's table objects: the deploy-time migrator
 * imports this entry so its bundle carries the migrator and postgres.js but not Drizzle's table builders.
 */
export { defaultMigrationsFolder, type MigrateOptions, runMigrations } from "./migrate";
export { setServiceRolePassword } from "./roles";
export { demoCatalogue, seedDemoCatalogue } from "./seed";
