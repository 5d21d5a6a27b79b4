export {
  databaseConnection,
  databaseName,
  proxyMaxStatementTextBytes,
  proxyPool,
  type ServiceName,
  type ServiceRole,
  serviceRoles,
} from "./database";
export { lambdaBundling } from "./lambda-bundling";
export { type OrderFlowSettings, orderFlow, orderFlowProblems } from "./order-flow";
