// JD.com (京东) POP seller order export: one row per order line, Chinese headers (some with full-width
// parentheses, matched after NFKC folding), China time, CNY.
import { mappingConnector, type Connector } from '../connector.js';
import { parseMapping } from '../generic.js';
import type { MappingInput } from '../mapping.js';

/** JD status texts the shared word list lacks (folded keys) */
const STATUS = { '等待付款': 'placed', '等待付款确认': 'placed', '等待发货': 'paid', '已完成': 'delivered' };

const orders = parseMapping({
  name: 'jd-order-export',
  platform: 'jd',
  kind: 'orders',
  read: { timezone: 'Asia/Shanghai', currency: 'CNY' },
  detect: {
    required: ['订单号', '商品ID', '商品名称', '订购数量', '下单时间', '京东价', '订单状态'],
    optional: ['支付方式', '订单金额', '结算金额', '应付金额', '下单帐号', '客户姓名', '联系电话', '商家备注等级(等级1-5为由高到低)', '运费金额', '货号', '订单来源', '订单渠道'],
  },
  targets: {
    orders: {
      key: ['platform_order_id'],
      platform_order_id: '订单号',
      platform_customer_id: '下单帐号',
      placed_at: '下单时间',
      status: { column: '订单状态', transform: 'status', map: STATUS },
      status_raw: '订单状态',
      subtotal: '订单金额',
      shipping: '运费金额',
      total: '应付金额',
      ship_country: { const: 'CN' },
      sales_channel: '订单渠道',
    },
    order_line: {
      platform_order_id: { column: '订单号', required: true },
      platform_listing_id: { column: ['商品ID', '商品编号'] },
      sku: '货号',
      title: '商品名称',
      quantity: '订购数量',
      unit_price: '京东价',
      status: { column: '订单状态', transform: 'status', map: STATUS },
      placed_at: '下单时间',
    },
    customer_account: {
      key: ['platform_customer_id'],
      platform_customer_id: '下单帐号',
      phone_hash: { column: '联系电话', transform: 'phone_hash', country: 'CN' },
      phone_fragment_hash: { column: '联系电话', transform: 'phone_fragment_hash', country: 'CN' },
      name_masked: { column: '客户姓名', transform: 'mask_name' },
      name_tokens: { column: '客户姓名', transform: 'name_tokens' },
      // the address is one text: 浙江省杭州市西湖区建国路929号…
      region: { column: '客户地址', extract: '^\\s*(\\S{1,8}?(?:省|自治区|特别行政区|市))' },
      city: { column: '客户地址', extract: '^\\s*\\S{1,8}?(?:省|自治区|特别行政区|市)\\s*(\\S{1,8}?(?:市|自治州|地区|盟))' },
      country: { const: 'CN' },
      first_seen_at: '下单时间',
    },
    listing: {
      key: ['platform_listing_id'],
      platform_listing_id: { column: ['商品ID', '商品编号'] },
      sku: '货号',
      title: '商品名称',
      price: '京东价',
    },
  },
} satisfies MappingInput, 'jd-order-export');

export const connectors: Connector[] = [mappingConnector(orders)];
