// Pinduoduo order export: documented 43 columns, mixed full/half-width parentheses, UTF-8 with BOM, masked phones.
import { HOUR_MS, sqlLocal, ymd } from '../clock.js';
import { csvLine, rowOf, type Cell } from '../csv.js';
import { DirtDice, m2, type OrderWriter, type WriteContext } from '../context.js';
import { pddOrderId } from '../ids.js';
import { allocate, type Order } from '../orders.js';
import { maskPhone } from '../people.js';
import type { FileSink } from '../sink.js';
import { propertyText } from '../titles.js';

export const PDD_ORDER_HEADER = [
  '商品', '订单号', '订单状态', '商品总价(元)', '店铺优惠折扣（元）', '平台优惠折扣（元）', '邮费(元)', '上门安装费(元)', '送货入户费(元)',
  '送货入户并安装费(元)', '用户实付金额(元)', '商品数量(件)', '身份证姓名', '身份证号码', '收货人', '手机', '是否异常', '省', '市', '区', '街道',
  '支付时间', '拼单成功时间', '订单确认时间', '承诺发货时间', '发货时间', '确认收货时间', '商品id', '商品规格', '用户购买手机号', '样式ID',
  '商家编码-SKU维度', '商家编码-商品维度', '快递单号', '快递公司', '海淘清关订单号', '支付ID', '支付方式', '是否抽奖或0元试用', '是否顺丰加价',
  '商家备注', '售后状态', '买家留言',
];

const ZONE = 'Asia/Shanghai';

function status(o: Order): string {
  if (o.status === 'cancelled') return '已取消';
  if (o.status === 'open') return '待发货';
  return o.completedAt ? '已收货' : '已发货，待收货';
}

export class PddWriter implements OrderWriter {
  private readonly sink: FileSink;
  private readonly dice: DirtDice;

  constructor(private readonly ctx: WriteContext) {
    this.sink = ctx.open('pinduoduo/orders.csv', 'pinduoduo', 'orders', { bom: true });
    this.sink.line(csvLine(PDD_ORDER_HEADER));
    this.dice = new DirtDice(ctx.rng.fork('pdd-dirt'));
  }

  write(o: Order): void {
    const rng = this.ctx.rng;
    const a = o.account;
    const addr = a.person.address;
    // No truth/persons.csv row: the export names no buyer account, and 用户购买手机号 is masked (138****5678 stands
    // for 10,000 numbers), so the connector makes no customer_account from it and truth lists none (see
    // docs/connectors.md). The sample still keeps masks unique per buyer, so nothing here merges two people.
    const id = pddOrderId(o.seq, ymd(o.placedAt + 8 * HOUR_MS).slice(2).replace(/-/g, ''));
    const shopDisc = allocate(o.discount, o.lines);
    const ship = allocate(o.shipping, o.lines);
    const t = (x: number | null): string => (x === null ? '' : sqlLocal(x, ZONE));
    const unmasked = rng.chance(0.35);
    o.lines.forEach((l, i) => {
      this.ctx.seenListings.add(l.listing);
      const row = this.sink.rows + 1;
      const lineTotal = l.unitPrice * l.quantity;
      const platformDisc = o.promotion ? Math.round(lineTotal * 5) / 100 : 0;
      const name = a.displayName;
      const rec: Record<string, Cell> = {
        商品: l.listing.title, 订单号: id, 订单状态: status(o), '商品总价(元)': m2(lineTotal), '店铺优惠折扣（元）': m2(shopDisc[i] ?? 0),
        '平台优惠折扣（元）': m2(platformDisc), '邮费(元)': m2(ship[i] ?? 0), '上门安装费(元)': '0.00', '送货入户费(元)': '0.00', '送货入户并安装费(元)': '0.00',
        '用户实付金额(元)': m2(lineTotal - (shopDisc[i] ?? 0) - platformDisc + (ship[i] ?? 0)), '商品数量(件)': l.quantity,
        收货人: unmasked ? name : `${name.slice(0, 1)}**`, 手机: unmasked ? a.person.phone : maskPhone(a.person.phone), 是否异常: '否',
        省: addr.province, 市: addr.city, 区: addr.line1Short.split(' ')[0], 街道: unmasked ? addr.line1Short.split(' ').slice(1).join(' ') : '****',
        支付时间: t(o.paidAt), 拼单成功时间: t(o.paidAt), 订单确认时间: t(o.paidAt), 承诺发货时间: o.paidAt ? t(o.paidAt + 48 * HOUR_MS) : '',
        发货时间: t(o.shippedAt), 确认收货时间: t(o.completedAt), 商品id: l.listing.productId, 商品规格: propertyText(l.listing.variant).replace(/^[^:]*:/, ''),
        用户购买手机号: a.id, 样式ID: l.listing.id, '商家编码-SKU维度': l.listing.sku, '商家编码-商品维度': l.listing.variant.base.model,
        快递单号: o.shippedAt ? `YT${rng.digits(13)}` : '', 快递公司: o.shippedAt ? rng.pick(['圆通快递', '中通快递', '极兔速递']) : '', 海淘清关订单号: '',
        支付ID: o.paidAt ? rng.digits(24) : '', 支付方式: rng.pick(['微信支付', '支付宝', '多多支付']), 是否抽奖或0元试用: '否', 是否顺丰加价: '否',
        商家备注: '', 售后状态: o.status === 'returned' ? '退款成功' : '无售后或售后取消', 买家留言: '',
      };
      if (this.dice.malformed(row)) {
        rec['商品总价(元)'] = this.dice.badNumber();
        this.ctx.dirt.note(this.sink.path, 'malformed', { row, column: '商品总价(元)', value: String(rec['商品总价(元)']), why: 'non-numeric price' });
      }
      if (l.quantity === 999) this.ctx.dirt.note(this.sink.path, 'outlier', { row, column: '商品数量(件)', value: '999', why: 'quantity outlier' });
      const text = csvLine(rowOf(PDD_ORDER_HEADER, rec));
      this.sink.record(text);
      if (this.dice.duplicate()) this.ctx.dirt.note(this.sink.path, 'duplicate', { row: this.sink.record(text), why: `exact copy of row ${row}` });
    });
  }

  async finish(): Promise<void> {
    await this.sink.close();
  }
}
