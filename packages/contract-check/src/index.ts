export { checkedFetch, type FetchHandler, holdToContract } from "./checked-fetch";
export {
  type Contract,
  type ContractOptions,
  ContractViolation,
  loadContract,
  type Verdict,
} from "./contract";
export { checkedLambda, type HttpApiEvent, type HttpApiResult } from "./lambda-exchange";
export type { OpenApiDocument } from "./openapi-objects";
