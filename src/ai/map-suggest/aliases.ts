// Header aliases per canonical field: a builtin multilingual list plus the column names every registered platform
// connector uses (optionally leaving one platform out, so a suggestion for its files is made without its knowledge).

import { platformConnectors } from '../../connectors/registry.js';
import { foldHeader } from '../../connectors/header.js';
import { normaliseField, targetFields } from '../../connectors/mapping.js';
import type { Sniffed } from '../../sources/sniff.js';

export type FieldRef = `${string}.${string}`;

/**
 * Generic e-commerce vocabulary (English, Chinese, Portuguese, French, German, Spanish); folded on use. An alias
 * starting with `~` matches a Chinese header ending in it (`~价`: 京东价, 一口价, 售价 — a price, but not 总价, a total).
 */
export const BUILTIN_ALIASES: Record<FieldRef, readonly string[]> = {
  'order_line.platform_order_id': ['order id', 'order number', 'order no', 'order', 'order_id', 'orderid', '订单号', '订单编号', '主订单编号', '订单id', 'pedido', 'id do pedido', 'numéro de commande', 'bestellnummer', 'sales record number', 'invoice', 'invoiceno', 'invoice no'],
  'order_line.platform_line_id': ['line id', 'order item id', 'item line id', '子订单编号', 'order_item_id'],
  'order_line.platform_listing_id': ['product id', 'item id', 'item number', 'listing id', 'asin', 'product_id', '商品id', '宝贝id', 'sku id', 'stockcode', 'stock code', 'offer id'],
  'order_line.sku': ['sku', 'seller sku', 'merchant sku', 'custom label', 'item sku', 'variant sku', '商家编码', '商品编码', 'stockcode', 'article number'],
  'order_line.title': ['title', 'product name', 'item name', 'item title', 'product title', 'name', 'description', '商品', '商品名称', '宝贝标题', '标题', 'produto', 'nom du produit', 'titre', 'título', 'titulo', 'nome'],
  'order_line.quantity': ['quantity', 'qty', 'quantity purchased', 'units', 'count', '数量', '购买数量', '商品数量', 'quantidade', 'quantité', 'menge'],
  'order_line.unit_price': ['price', 'unit price', 'item price', 'sale price', 'sold for', '单价', '价格', '商品价格', 'preço', 'prix', 'unitprice', '~价'],
  'order_line.line_total': ['line total', 'item total', 'subtotal', 'amount', '小计', '金额'],
  'order_line.currency': ['currency', 'currency code', '币种', 'moeda', 'devise'],
  'order_line.placed_at': ['order date', 'date', 'created at', 'purchase date', 'placed at', 'sale date', '下单时间', '创建时间', '订单创建时间', 'invoicedate', 'invoice date', 'date de commande', 'fecha de pedido', 'data do pedido'],
  'orders.platform_order_id': ['order id', 'order number', 'order no', 'order', 'order_id', 'orderid', '订单号', '订单编号', '主订单编号', 'pedido', 'numéro de commande', 'sales record number', 'invoiceno', 'invoice no'],
  'orders.platform_customer_id': ['customer id', 'buyer id', 'customer', 'buyer', 'user id', 'member id', 'buyer username', 'customerid', '买家会员名', '买家id', '会员名', '客户id', 'id do cliente', 'email', 'buyer email', 'customer email', 'username', 'user name', 'pseudo', 'nickname', '用户名', '账号', '帐号'],
  'orders.placed_at': ['order date', 'date', 'created at', 'purchase date', 'placed at', 'sale date', '下单时间', '创建时间', '订单创建时间', 'invoicedate', 'invoice date', 'order purchase timestamp', 'date de commande', 'fecha de pedido', 'data do pedido', 'fecha', 'data'],
  'orders.status': ['status', 'order status', 'financial status', '订单状态', '状态', 'estado', 'statut'],
  'orders.currency': ['currency', 'currency code', '币种', 'moeda', 'devise'],
  'orders.subtotal': ['subtotal', 'sub total', 'item subtotal', '商品总价', '商品金额'],
  'orders.shipping': ['shipping', 'shipping cost', 'postage', 'freight', '运费', 'frete', 'freight value'],
  'orders.tax': ['tax', 'taxes', 'vat', 'sales tax', '税费'],
  'orders.discount': ['discount', 'discount amount', 'coupon', '优惠', '折扣', '优惠金额'],
  'orders.total': ['total', 'order total', 'grand total', 'total price', 'amount paid', 'paid amount', '实付款', '实付金额', '订单金额', '买家实际支付金额', '总金额', 'payment value', '实际支付', 'prix total', 'montant total', 'valor total', 'importe total'],
  'orders.ship_city': ['city', 'shipping city', 'ship city', 'buyer city', '城市', '收货城市', 'cidade'],
  'orders.ship_region': ['state', 'province', 'region', 'shipping province', 'ship state', '省份', '省', 'estado do cliente'],
  'orders.ship_postcode': ['zip', 'postcode', 'postal code', 'shipping zip', 'ship postal code', '邮编', 'cep', 'code postal'],
  'orders.ship_country': ['country', 'shipping country', 'ship country', '国家', 'país', 'pays'],
  'customer_account.platform_customer_id': ['customer id', 'buyer id', 'customer', 'buyer', 'user id', 'member id', 'buyer username', 'customerid', '买家会员名', '买家id', '会员名', '客户id', 'email', 'username', 'user name', 'pseudo', 'nickname', '用户名', '账号', '帐号'],
  'customer_account.email_hash': ['email', 'e-mail', 'buyer email', 'customer email', '邮箱', 'courriel'],
  'customer_account.phone_hash': ['phone', 'telephone', 'mobile', 'buyer phone', '手机', '电话', '联系电话', '手机号'],
  'customer_account.name_masked': ['name', 'buyer name', 'customer name', 'billing name', 'recipient', '收货人', '收货人姓名', '买家姓名'],
  'customer_account.city': ['city', 'billing city', '城市', 'cidade'],
  'customer_account.country': ['country', 'billing country', '国家', 'país'],
  'listing.platform_listing_id': ['id', 'product id', 'item id', 'listing id', 'asin', 'handle', 'item number', 'product_id', '商品id', '宝贝id', 'offer id'],
  'listing.sku': ['sku', 'seller sku', 'merchant sku', 'variant sku', 'custom label', '商家编码', '商品编码'],
  'listing.gtin': ['gtin', 'ean', 'upc', 'barcode', 'isbn', 'product id', 'variant barcode', '条形码', '条码'],
  'listing.mpn': ['mpn', 'manufacturer part number', 'part number', 'model', 'model number', '型号'],
  'listing.brand': ['brand', 'vendor', 'manufacturer', 'marca', 'marque', 'marke', '品牌'],
  'listing.title': ['title', 'product name', 'item name', 'name', 'product title', '商品名称', '宝贝标题', '标题', 'nome do produto', 'titre', 'título', 'titulo'],
  'listing.description': ['description', 'body', 'body (html)', 'product description', '描述', '商品描述', 'descrição'],
  'listing.category_path': ['category', 'product type', 'product category', 'google product category', 'type', '类目', '分类', 'categoria'],
  'listing.variant': ['variant', 'variation', 'option1 value', 'size', 'color', 'colour', '规格', '颜色分类', 'sku属性'],
  'listing.price': ['price', 'sale price', 'unit price', 'variant price', 'current price', 'regular price', '价格', '单价', '一口价', 'preço', 'prix', '~价'],
  'listing.currency': ['currency', 'currency code', '币种', 'moeda'],
  'listing.quantity': ['quantity', 'qty', 'stock', 'inventory', 'available', 'variant inventory qty', 'stock quantity', '库存', '数量'],
  'listing.status': ['status', 'availability', 'state', '状态', 'listing status'],
  'listing.url': ['url', 'link', 'product url', 'item url', '链接'],
  'listing.image_url': ['image', 'image url', 'image src', 'image link', 'picture', '主图', '图片'],
  'listing.listed_at': ['created at', 'open date', 'listed at', 'date created', 'creation date', '上架时间', '创建时间'],
  'review.platform_review_id': ['review id', 'review_id', '评价id'],
  'review.platform_order_id': ['order id', 'order_id', '订单号'],
  'review.rating': ['rating', 'score', 'stars', 'review score', '评分', '星级'],
  'review.title': ['review title', 'title', 'review comment title', '标题'],
  'review.body': ['review', 'comment', 'review text', 'body', 'review comment message', '评价内容', '内容'],
  'review.reviewed_at': ['review date', 'date', 'review creation date', 'created at', '评价时间'],
};

const FAKE: Sniffed = { path: '', size: 0, format: 'csv', encoding: 'utf-8', header: [], sample: '' };

/**
 * Builtin aliases kept even when they are a left-out platform's own column name: everyday words and phrases any
 * shop's export may use. Every other builtin alias equal to one of that platform's column names is withheld too, so
 * an evaluation with `excludePlatform` never sees the platform's own vocabulary (e.g. eBay's "sales record number").
 */
export const COMMON_ALIASES: ReadonlySet<string> = new Set([
  'id', 'name', 'title', 'description', 'sku', 'quantity', 'price', 'currency', 'status', 'total', 'subtotal', 'shipping',
  'email', 'phone', 'country', 'type', 'brand', 'gtin', 'mpn', 'size', 'color', 'link',
  'order id', 'order number', 'product id', 'customer id', 'review id', 'prix total', 'numéro de commande', 'order status', 'created at', 'order date', 'unit price', 'sale price', 'total price',
  '订单号', '订单编号', '订单状态', '商品', '商品id', '价格', '标题', '数量', '手机', '省',
]);

/** Folded column names (and their last dotted segment) a platform's connectors read. */
async function platformColumns(platform: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const c of await platformConnectors()) {
    if (c.platform !== platform) continue;
    let m;
    try {
      m = c.mapping(FAKE);
    } catch {
      continue;
    }
    const names: string[] = [...(m.detect?.required ?? []), ...(m.detect?.optional ?? [])];
    for (const target of Object.values(m.targets)) {
      if (!target) continue;
      for (const [, spec] of targetFields(target)) {
        const col = normaliseField(spec).column;
        for (const name of col === undefined ? [] : Array.isArray(col) ? col : [col]) names.push(name.replace(/^\$\./u, ''));
      }
    }
    for (const n of names) {
      out.add(foldHeader(n));
      out.add(foldHeader(n.split('.').pop() ?? n));
    }
  }
  return out;
}

/** Builtin aliases plus every connector's column names, except those of connectors on `excludePlatform`. */
export async function aliasTable(excludePlatform?: string): Promise<Map<FieldRef, Set<string>>> {
  const out = new Map<FieldRef, Set<string>>();
  const add = (ref: FieldRef, col: string): void => {
    let s = out.get(ref);
    if (!s) out.set(ref, (s = new Set()));
    s.add(foldHeader(col));
  };
  const withheld = excludePlatform === undefined ? new Set<string>() : await platformColumns(excludePlatform);
  for (const [ref, cols] of Object.entries(BUILTIN_ALIASES)) {
    for (const c of cols) if (COMMON_ALIASES.has(foldHeader(c)) || !withheld.has(foldHeader(c))) add(ref as FieldRef, c);
  }
  for (const c of await platformConnectors()) {
    if (c.platform === excludePlatform) continue;
    let m;
    try {
      m = c.mapping(FAKE);
    } catch {
      continue;
    }
    for (const [table, target] of Object.entries(m.targets)) {
      if (!target || target.each !== undefined) continue;
      for (const [field, spec] of targetFields(target)) {
        const col = normaliseField(spec).column;
        for (const name of col === undefined ? [] : Array.isArray(col) ? col : [col]) if (!name.startsWith('$') && !name.includes('.')) add(`${table}.${field}`, name);
      }
    }
  }
  return out;
}
