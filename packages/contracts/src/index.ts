export {
  ORDER_MESSAGE_SCHEMA_VERSION,
  type OrderMessage,
  orderMessage,
  orderMessageBody,
  type ParsedOrderMessage,
  parseOrderMessage,
} from "./order-message";
export {
  currencyCode,
  type OrderLine,
  type OrderRequest,
  orderLine,
  orderLines,
  orderRequest,
} from "./order-request";
export { customerId, MAX_ID_LENGTH, printableText, sku } from "./printable-text";
