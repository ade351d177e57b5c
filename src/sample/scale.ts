// Size presets per scale, in one table so the three scales differ only in numbers, never in code paths.

export type Scale = 'small' | 'medium' | 'large';

export interface ScalePlan {
  baseProducts: number;
  persons: number;
  /** Target order count across all order-bearing platforms. */
  orders: number;
  /** Events per order (own-site clickstream volume). */
  eventsPerOrder: number;
  /** Weeks of inventory snapshots kept. */
  inventoryWeeks: number;
  /** Orders copied into each API-shaped file (Shopify JSON, SP-API JSON, eBay XML). */
  apiOrders: number;
  /** Shopify products in the second (new-header) products export. */
  newHeaderProducts: number;
}

export const SCALES: Record<Scale, ScalePlan> = {
  small: { baseProducts: 300, persons: 800, orders: 5_000, eventsPerOrder: 0.35, inventoryWeeks: 2, apiOrders: 40, newHeaderProducts: 15 },
  medium: { baseProducts: 3_000, persons: 8_000, orders: 50_000, eventsPerOrder: 3, inventoryWeeks: 12, apiOrders: 300, newHeaderProducts: 50 },
  // ≈ 10M order lines at ≈ 1.45 lines per order.
  large: { baseProducts: 20_000, persons: 150_000, orders: 6_900_000, eventsPerOrder: 0.3, inventoryWeeks: 8, apiOrders: 1_000, newHeaderProducts: 100 },
};
