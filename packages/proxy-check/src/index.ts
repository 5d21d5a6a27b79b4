export { classifyParse, classifyStatement, loadStatementParser, type PinReason } from "./classify-statement";
export { type DecodedMessage, FrontendDecoder, type FrontendMessage } from "./frontend-messages";
export { formatPinnedSessions } from "./pinned-report";
export {
  clientLabelParameter,
  type PinningRelay,
  type RelaySession,
  type StartPinningRelayOptions,
  startPinningRelay,
} from "./pinning-relay";
export { maxStatementTextBytes, type PinningRule, pinningRules } from "./pinning-rules";
export { chainUrl, type ProxyChain, type StartProxyChainOptions, startProxyChain } from "./proxy-chain";
