import type { ProcessedOrder } from "./ports";

/** An order as `GET /orders/{id}` shows it. */
export interface OrderView {
  orderId: string;
  customerId: string;
  status: "accepted" | "rejected";
  rejectionReason?: string;
  currency: string;
  totalCents: number;
  items: { sku: string; quantity: number; unitPriceCents: number | null }[];
  acceptedAt: string;
  processedAt: string;
}

/** Database row → API shape (ISO timestamps; the rejection reason only when there is one). */
export function toOrderView(order: ProcessedOrder): OrderView {
  return {
    orderId: order.id,
    customerId: order.customerId,
    status: order.status,
    ...(order.rejectionReason === null ? {} : { rejectionReason: order.rejectionReason }),
    currency: order.currency,
    totalCents: order.totalCents,
    items: order.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
    acceptedAt: order.acceptedAt.toISOString(),
    processedAt: order.processedAt.toISOString(),
  };
}
