// Pinduoduo (拼多多) merchant order export: one row per order line, 43 columns whose (元)/(件) suffixes come
// full- or half-width; UTF-8 with BOM or GBK; buyer phones masked (138****5678), so no phone hash.
import { mappingConnector, type Connector } from '../connector.js';
import { parseMapping } from '../generic.js';
import type { MappingInput } from '../mapping.js';

/** PDD status texts the shared word list lacks (folded keys: "，" is written ",") */
const STATUS = { '未发货,退款成功': 'refunded', '已发货,退款成功': 'refunded', '已签收,退款成功': 'refunded', '待成团': 'paid' };

const orders = parseMapping({
  name: 'pinduoduo-order-export',
  platform: 'pinduoduo',
  kind: 'orders',
  read: { timezone: 'Asia/Shanghai', currency: 'CNY' },
  detect: {
    required: ['商品', '订单号', '订单状态', '商品总价(元)', '用户实付金额(元)', '商品数量(件)', '商品id'],
    optional: ['店铺优惠折扣(元)', '平台优惠折扣(元)', '邮费(元)', '收货人', '手机', '省', '市', '区', '支付时间', '拼单成功时间', '商品规格',
      '样式ID', '商家编码-SKU维度', '商家编码-商品维度', '快递单号', '快递公司', '售后状态'],
  },
  targets: {
    orders: {
      key: ['platform_order_id'],
      platform_order_id: '订单号',
      // the export has no order-creation time: payment is the earliest instant it records
      placed_at: '支付时间',
      status: { column: '订单状态', transform: 'status', map: STATUS },
      status_raw: '订单状态',
      subtotal: '商品总价(元)',
      shipping: '邮费(元)',
      discount: '店铺优惠折扣(元)',
      total: '用户实付金额(元)',
      ship_region: '省',
      ship_city: '市',
      ship_country: { const: 'CN' },
    },
    order_line: {
      platform_order_id: { column: '订单号', required: true },
      platform_listing_id: '样式ID',
      sku: '商家编码-SKU维度',
      title: '商品',
      quantity: '商品数量(件)',
      line_total: '商品总价(元)',
      status: { column: '订单状态', transform: 'status', map: STATUS },
      placed_at: '支付时间',
    },
    // listings are variant-level as on the other platforms: 样式ID is PDD's SKU id (商品id is the goods id
    // shared by all variants, and has no canonical field of its own)
    listing: {
      key: ['platform_listing_id'],
      when_present: '样式ID',
      platform_listing_id: '样式ID',
      sku: '商家编码-SKU维度',
      title: '商品',
      variant: '商品规格',
    },
  },
} satisfies MappingInput, 'pinduoduo-order-export');

export const connectors: Connector[] = [mappingConnector(orders)];
