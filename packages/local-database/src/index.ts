export {
  type ProvisionDatabaseOptions,
  type ProvisionedDatabase,
  provisionDatabase,
  type ServiceChainOptions,
} from "./provision-database";
export {
  type ServerDatabaseOptions,
  type ServerLike,
  type StartedDatabase,
  startProvisionedDatabase,
} from "./start-provisioned-database";
