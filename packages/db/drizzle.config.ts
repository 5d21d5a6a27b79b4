import { defineConfig } from "drizzle-kit";

// Only `generate` is used (offline, from the schema); migrations are applied by src/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema.ts",
  out: "./migrations",
});
