// The platforms the sample writes, with their currency and shop time zone as data rather than branches.
import type { Zone } from './clock.js';

export type Platform = 'shopify' | 'amazon' | 'ebay' | 'woocommerce' | 'google' | 'taobao' | 'jd' | 'pinduoduo' | 'own';
export type Currency = 'USD' | 'EUR' | 'CNY';

/** Platforms that produce orders, with their share of all orders. */
export const ORDER_SHARE: [Platform, number][] = [
  ['shopify', 0.16], ['amazon', 0.2], ['ebay', 0.1], ['woocommerce', 0.06], ['taobao', 0.2], ['jd', 0.14], ['pinduoduo', 0.14],
];

export const SHOP_ZONE: Record<Platform, Zone> = {
  shopify: 'America/New_York', amazon: 'UTC', ebay: 'America/New_York', woocommerce: 'America/New_York', google: 'UTC',
  taobao: 'Asia/Shanghai', jd: 'Asia/Shanghai', pinduoduo: 'Asia/Shanghai', own: 'UTC',
};

export const CHINESE: ReadonlySet<Platform> = new Set<Platform>(['taobao', 'jd', 'pinduoduo']);
