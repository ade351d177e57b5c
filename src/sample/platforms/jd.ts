// JD.com POP order export: one row per order line, Chinese headers with full-width parentheses, GBK.
import { sqlLocal } from '../clock.js';
import { csvLine, rowOf, type Cell } from '../csv.js';
import { DirtDice, m2, type OrderWriter, type WriteContext } from '../context.js';
import { jdOrderId } from '../ids.js';
import type { Order } from '../orders.js';
import type { FileSink } from '../sink.js';

export const JD_ORDER_HEADER = [
  '订单号', '商品ID', '商品名称', '订购数量', '支付方式', '下单时间', '京东价', '订单金额', '结算金额', '余额支付', '应付金额', '订单状态', '订单类型',
  '下单帐号', '客户姓名', '客户地址', '联系电话', '订单备注', '发票类型', '发票抬头', '发票内容', '商家备注', '商家备注等级（等级1-5为由高到低）',
  '运费金额', '付款确认时间', '增值税发票', '货号', '订单完成时间', '订单来源', '订单渠道',
];

const ZONE = 'Asia/Shanghai';

function status(o: Order): string {
  if (o.status === 'cancelled') return '已取消';
  if (o.status === 'returned') return '退款成功';
  if (o.status === 'open') return o.paidAt ? '等待出库' : '等待付款';
  return o.completedAt ? '完成' : '等待确认收货';
}

export class JdWriter implements OrderWriter {
  private readonly sink: FileSink;
  private readonly dice: DirtDice;

  constructor(private readonly ctx: WriteContext) {
    this.sink = ctx.open('jd/orders.csv', 'jd', 'orders', { encoding: 'gbk', eol: '\r\n' });
    this.sink.line(csvLine(JD_ORDER_HEADER));
    this.dice = new DirtDice(ctx.rng.fork('jd-dirt'));
  }

  write(o: Order): void {
    const rng = this.ctx.rng;
    const a = o.account;
    const addr = a.person.address;
    this.ctx.seeAccount('jd', a.id, a.person.key);
    const source = rng.chance(0.8) ? '移动端' : 'PC端';
    for (const l of o.lines) {
      this.ctx.seenListings.add(l.listing);
      const row = this.sink.rows + 1;
      const rec: Record<string, Cell> = {
        订单号: jdOrderId(o.seq), 商品ID: l.listing.id, 商品名称: l.listing.title, 订购数量: l.quantity, 支付方式: '在线支付',
        下单时间: sqlLocal(o.placedAt, ZONE), 京东价: m2(l.unitPrice), 订单金额: m2(o.subtotal), 结算金额: m2(o.subtotal - o.discount), 余额支付: '0.00',
        应付金额: m2(o.total), 订单状态: status(o), 订单类型: '普通订单', 下单帐号: a.id, 客户姓名: a.displayName,
        客户地址: `${addr.province}${addr.city}${addr.line1Long}`, 联系电话: a.person.phone, 订单备注: '', 发票类型: '电子发票', 发票抬头: '个人',
        发票内容: '商品明细', 商家备注: '', '商家备注等级（等级1-5为由高到低）': '', 运费金额: m2(o.shipping), 付款确认时间: o.paidAt ? sqlLocal(o.paidAt, ZONE) : '',
        增值税发票: '否', 货号: l.listing.sku, 订单完成时间: o.completedAt ? sqlLocal(o.completedAt, ZONE) : '', 订单来源: source, 订单渠道: '京东',
      };
      if (this.dice.malformed(row)) {
        const price = rng.chance(0.5);
        if (price) rec['京东价'] = this.dice.badNumber(); else rec['下单时间'] = this.dice.badDate();
        this.ctx.dirt.note(this.sink.path, 'malformed', { row, column: price ? '京东价' : '下单时间', value: String(price ? rec['京东价'] : rec['下单时间']), why: price ? 'non-numeric price' : 'not a date' });
      }
      if (this.dice.missing(0.01)) {
        rec['客户地址'] = '';
        this.ctx.dirt.note(this.sink.path, 'missing', { row, column: '客户地址', why: 'address withheld' });
      }
      if (l.quantity === 999) this.ctx.dirt.note(this.sink.path, 'outlier', { row, column: '订购数量', value: '999', why: 'quantity outlier' });
      const text = csvLine(rowOf(JD_ORDER_HEADER, rec));
      this.sink.record(text);
      if (this.dice.duplicate()) this.ctx.dirt.note(this.sink.path, 'duplicate', { row: this.sink.record(text), why: `exact copy of row ${row}` });
    }
  }

  async finish(): Promise<void> {
    await this.sink.close();
  }
}
