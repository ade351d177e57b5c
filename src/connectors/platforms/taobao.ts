// Taobao / Tmall seller exports (已卖出的宝贝): the order report and the item report, GBK CSV in China time.
import { mappingConnector, type Connector } from '../connector.js';
import { parseMapping } from '../generic.js';
import type { MappingInput } from '../mapping.js';

const read = { timezone: 'Asia/Shanghai', currency: 'CNY' } as const;

/** status texts the shared word list lacks; keys are written folded (full-width comma → ",") */
const STATUS = {
  '买家已付款,等待卖家发货': 'paid',
  '卖家已发货,等待买家确认': 'shipped',
  '卖家部分发货': 'shipped',
  '买家已签收': 'delivered',
};

/**
 * The listing id: the item id where the export has one (newer Tmall/Qianniu item reports add 商品ID), else the
 * seller code 商家编码 — the documented item report has no item id column (taobao_tmall.md §2).
 */
const LISTING_ID = ['商品ID', '宝贝ID', '商家编码'];

const orderReport = parseMapping({
  name: 'taobao-order-report',
  platform: 'taobao',
  kind: 'orders',
  read,
  detect: {
    required: ['订单编号', '买家会员名', '订单状态', '买家实际支付金额'],
    optional: ['买家支付宝账号', '买家应付货款', '买家应付邮费', '总金额', '收货人姓名', '联系手机', '订单创建时间', '订单付款时间', '宝贝标题', '店铺名称'],
  },
  targets: {
    orders: {
      key: ['platform_order_id'],
      platform_order_id: '订单编号',
      platform_customer_id: '买家会员名',
      placed_at: '订单创建时间',
      status: { column: '订单状态', transform: 'status', map: STATUS },
      status_raw: '订单状态',
      subtotal: '买家应付货款',
      shipping: '买家应付邮费',
      total: '买家实际支付金额',
      sales_channel: '店铺名称',
    },
    customer_account: {
      key: ['platform_customer_id'],
      platform_customer_id: '买家会员名',
      // the Alipay account is an email or a phone number: each hash keeps only what it recognises
      email_hash: { column: '买家支付宝账号', transform: 'email_hash' },
      phone_hash: { column: ['联系手机', '联系电话'], transform: 'phone_hash', country: 'CN' },
      // a phone, else the Alipay account, which is often the masked phone (180****8844)
      phone_fragment_hash: { column: ['联系手机', '联系电话', '买家支付宝账号'], transform: 'phone_fragment_hash', country: 'CN' },
      name_masked: { column: '收货人姓名', transform: 'mask_name' },
      name_tokens: { column: '收货人姓名', transform: 'name_tokens' },
      // the address is one text: 吉林省 通化市 柳河县 解放路895号…(135300)
      region: { column: '收货地址', extract: '^\\s*(\\S{1,8}?(?:省|自治区|特别行政区|市))' },
      city: { column: '收货地址', extract: '^\\s*\\S{1,8}?(?:省|自治区|特别行政区|市)\\s*(\\S{1,8}?(?:市|自治州|地区|盟))' },
      postcode: { column: '收货地址', extract: '[(（](\\d{6})[)）]\\s*$', transform: 'id' },
      country: { const: 'CN' },
      first_seen_at: '订单创建时间',
    },
  },
} satisfies MappingInput, 'taobao-order-report');

const itemReport = parseMapping({
  name: 'taobao-item-report',
  platform: 'taobao',
  kind: 'order_lines',
  read,
  detect: {
    required: ['标题', '价格', '购买数量', '商品属性'],
    optional: ['子订单编号', '主订单编号', '外部系统编号', '套餐信息', '商家编码', '订单状态', '买家实际支付金额', '订单创建时间'],
  },
  targets: {
    order_line: {
      // the older export names the order 订单编号, the Tmall one 主订单编号
      platform_order_id: { column: ['主订单编号', '订单编号'], required: true },
      platform_line_id: '子订单编号',
      platform_listing_id: { column: LISTING_ID },
      sku: { column: ['商家编码', '外部系统编号'] },
      title: '标题',
      quantity: '购买数量',
      unit_price: '价格',
      line_total: '买家实际支付金额',
      status: { column: '订单状态', transform: 'status', map: STATUS },
      placed_at: '订单创建时间',
    },
    // rows without a seller code cannot name a listing in exports that lack the item id
    listing: {
      key: ['platform_listing_id'],
      when_present: '商家编码',
      platform_listing_id: { column: LISTING_ID },
      sku: { column: ['商家编码', '外部系统编号'] },
      title: '标题',
      price: '价格',
    },
  },
} satisfies MappingInput, 'taobao-item-report');

export const connectors: Connector[] = [mappingConnector(orderReport), mappingConnector(itemReport)];
