export {
  type ProvisionDatabaseOptions,
  type ProvisionedDatabase,
  provisionDatabase,
  type ServiceChainOptions,
} from "./provision-database";
