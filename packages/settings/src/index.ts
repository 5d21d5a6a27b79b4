export {
  databaseConnection,
  databaseName,
  type ServiceName,
  type ServiceRole,
  serviceRoles,
} from "./database";
export { type OrderFlowSettings, orderFlow, orderFlowProblems } from "./order-flow";
