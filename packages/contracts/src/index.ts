export {
  ORDER_MESSAGE_SCHEMA_VERSION,
  type OrderMessage,
  orderMessage,
  type ParsedOrderMessage,
  parseOrderMessage,
} from "./order-message";
export { currencyCode, type OrderLine, type OrderRequest, orderLine, orderRequest } from "./order-request";
