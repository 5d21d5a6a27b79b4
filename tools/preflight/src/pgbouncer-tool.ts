import { findPgBouncerBinary } from "@orders/local-postgres";
import { aptInstallCommand, locateWith, type SystemTool } from "./system-tools";

/** PgBouncer: the transaction pooler that stands in for RDS Proxy's multiplexing. */
export const pgBouncerTool: SystemTool = {
  name: "pgbouncer",
  aptPackage: "pgbouncer",
  purpose: "stands in for RDS Proxy",
  locate: locateWith(findPgBouncerBinary),
};

/** The command that adds PgBouncer, as the preflight prints it. */
export const pgBouncerInstallCommand = aptInstallCommand([pgBouncerTool.aptPackage]);
