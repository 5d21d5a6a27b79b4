export { catalogueCache } from "./catalogue-cache";
export {
  databaseConnection,
  databaseName,
  proxyMaxStatementTextBytes,
  proxyPool,
  type ServiceName,
  type ServiceRole,
  serviceRoles,
} from "./database";
export { type Deadlines, deadlineProblems, deadlines, type FunctionTimeouts } from "./deadlines";
export { lambdaBundling } from "./lambda-bundling";
export {
  formatLocalServicePasswords,
  type LocalDevAddress,
  localDevDatabase,
  localDevServiceUrl,
  localDevSuperuserUrl,
  parseLocalServicePasswords,
} from "./local-dev-database";
export { type OrderFlowSettings, orderFlow, orderFlowProblems, sqsMappingLimits } from "./order-flow";
export { RETRY_AFTER_SECONDS } from "./retry-after";
export { type SqsSendSettings, sqsSend, worstCaseSendMs } from "./sqs-send";
