import { type ServiceName, serviceRoles } from "@orders/settings";
import type postgres from "postgres";

/**
 * Sets a service role's password (the roles themselves come from a migration). In AWS the migrator calls this
 * with the password from the service's secret, which RDS Proxy also reads; locally, with a generated one.
 */
export async function setServiceRolePassword(
  sql: postgres.Sql,
  service: ServiceName,
  password: string,
): Promise<void> {
  // ALTER ROLE takes no bind parameters; quote_literal/quote_ident build the statement server-side.
  const [row] = await sql<{ statement: string }[]>`
    select format('alter role %I with login password %L', ${serviceRoles[service]}::text, ${password}::text) as statement`;
  if (!row) throw new Error("could not build the ALTER ROLE statement");
  await sql.unsafe(row.statement);
}
