// Taobao/Tmall "已卖出的宝贝" exports: order report + item report, GBK, Excel guards (="…" ids, '-prefixed phones).
import { sqlLocal } from '../clock.js';
import { csvLine, rowOf, type Cell } from '../csv.js';
import { DirtDice, m2, type OrderWriter, type WriteContext } from '../context.js';
import { taobaoOrderId, taobaoSubOrderId } from '../ids.js';
import type { Order } from '../orders.js';
import type { FileSink } from '../sink.js';
import { propertyText } from '../titles.js';

export const TAOBAO_ORDER_HEADER = [
  '订单编号', '买家会员名', '买家支付宝账号', '买家应付货款', '买家应付邮费', '买家支付积分', '总金额', '返点积分', '买家实际支付金额',
  '买家实际支付积分', '订单状态', '买家留言', '收货人姓名', '收货地址 ', '运送方式', '联系电话', '联系手机', '订单创建时间', '订单付款时间 ',
  '宝贝标题', '宝贝种类', '物流单号', '物流公司', '订单备注', '宝贝总数量', '店铺Id', '店铺名称', '订单关闭原因', '卖家服务费', '买家服务费',
  '发票抬头', '是否手机订单', '分阶段订单信息', '特权订金订单id', '定金排名', '修改后的sku', '修改后的收货地址', '异常信息', '天猫卡券抵扣',
  '集分宝抵扣', '是否是O2O交易',
];

export const TAOBAO_ITEM_HEADER = [
  '子订单编号', '主订单编号', '标题', '价格', '购买数量', '外部系统编号', '商品属性', '套餐信息', '备注', '订单状态', '商家编码', '支付单号',
  '买家应付货款', '买家实际支付金额', '退款状态', '退款金额', '订单创建时间', '订单付款时间',
];

const ZONE = 'Asia/Shanghai';
const guard = (id: string): string => `="${id}"`;
const yuan = (n: number): string => `${m2(n)}元`;

function status(o: Order): string {
  if (o.status === 'cancelled' || o.status === 'returned') return '交易关闭';
  if (o.status === 'open') return o.paidAt ? '买家已付款，等待卖家发货' : '等待买家付款';
  return o.completedAt ? '交易成功' : '卖家已发货，等待买家确认';
}

export class TaobaoWriter implements OrderWriter {
  private readonly orders: FileSink;
  private readonly items: FileSink;
  private readonly dice: DirtDice;

  constructor(private readonly ctx: WriteContext) {
    this.orders = ctx.open('taobao/orders.csv', 'taobao', 'orders', { encoding: 'gbk', eol: '\r\n' });
    this.items = ctx.open('taobao/items.csv', 'taobao', 'order-items', { encoding: 'gbk', eol: '\r\n' });
    this.orders.line(csvLine(TAOBAO_ORDER_HEADER));
    this.items.line(csvLine(TAOBAO_ITEM_HEADER));
    this.dice = new DirtDice(ctx.rng.fork('taobao-dirt'));
  }

  write(o: Order): void {
    const rng = this.ctx.rng;
    const a = o.account;
    const addr = a.person.address;
    this.ctx.seeAccount('taobao', a.id, a.person.key);
    const id = taobaoOrderId(o.seq);
    const goods = o.subtotal - o.discount;
    const paid = o.paidAt ? o.total : 0;
    const mobile = rng.chance(0.9) ? `'${a.person.phone}` : '';
    const rec: Record<string, Cell> = {
      订单编号: guard(id), 买家会员名: a.id, 买家支付宝账号: rng.chance(0.5) ? a.email : `${a.person.phone.slice(0, 3)}****${a.person.phone.slice(-4)}`,
      买家应付货款: yuan(goods), 买家应付邮费: yuan(o.shipping), 买家支付积分: 0, 总金额: yuan(o.total), 返点积分: 0, 买家实际支付金额: yuan(paid),
      买家实际支付积分: 0, 订单状态: status(o), 买家留言: rng.chance(0.05) ? '请尽快发货，谢谢' : '', 收货人姓名: a.displayName,
      '收货地址 ': `${addr.province} ${addr.city} ${addr.line1Short}(${addr.zip})`, 运送方式: '快递', 联系电话: '', 联系手机: mobile,
      订单创建时间: sqlLocal(o.placedAt, ZONE), '订单付款时间 ': o.paidAt ? sqlLocal(o.paidAt, ZONE) : '',
      宝贝标题: o.lines.map((l) => l.listing.title).join('，'), 宝贝种类: o.lines.length, 物流单号: o.shippedAt ? `No:${rng.pick(['YT', 'SF', '77'])}${rng.digits(12)}` : '',
      物流公司: o.shippedAt ? rng.pick(['圆通速递', '顺丰速运', '中通快递', '韵达快递']) : '', 订单备注: '', 宝贝总数量: o.lines.reduce((s, l) => s + l.quantity, 0),
      店铺Id: 0, 店铺名称: '全渠道演示旗舰店', 订单关闭原因: o.status === 'cancelled' ? '买家不想买了' : o.status === 'returned' ? '退款' : '',
      卖家服务费: 0, 买家服务费: yuan(0), 发票抬头: '', 是否手机订单: rng.chance(0.85) ? '手机订单' : '', 天猫卡券抵扣: '', 集分宝抵扣: '', 是否是O2O交易: '',
    };
    if (!mobile) this.ctx.dirt.note(this.orders.path, 'missing', { row: this.orders.rows + 1, column: '联系手机', why: 'no mobile number' });
    const row = this.orders.rows + 1;
    if (this.dice.malformed(row)) {
      rec['订单创建时间'] = this.dice.badDate();
      this.ctx.dirt.note(this.orders.path, 'malformed', { row, column: '订单创建时间', value: String(rec['订单创建时间']), why: 'not a date' });
    }
    const text = csvLine(rowOf(TAOBAO_ORDER_HEADER, rec));
    this.orders.record(text);
    if (this.dice.duplicate()) this.ctx.dirt.note(this.orders.path, 'duplicate', { row: this.orders.record(text), why: `exact copy of row ${row}` });
    o.lines.forEach((l, i) => {
      this.ctx.seenListings.add(l.listing);
      const irow = this.items.rows + 1;
      const item: Record<string, Cell> = {
        子订单编号: guard(taobaoSubOrderId(o.seq, i)), 主订单编号: guard(id), 标题: l.listing.title, 价格: m2(l.unitPrice), 购买数量: l.quantity,
        外部系统编号: l.listing.variant.base.model, 商品属性: propertyText(l.listing.variant), 套餐信息: '', 备注: '', 订单状态: status(o),
        商家编码: l.listing.sku, 支付单号: o.paidAt ? `2026${rng.digits(24)}`.slice(0, 28) : '', 买家应付货款: m2(l.unitPrice * l.quantity),
        买家实际支付金额: o.paidAt ? m2(l.unitPrice * l.quantity) : '0.00', 退款状态: o.status === 'returned' ? '退款成功' : '没有申请退款',
        退款金额: o.status === 'returned' ? m2(l.unitPrice * l.quantity) : '0', 订单创建时间: sqlLocal(o.placedAt, ZONE), 订单付款时间: o.paidAt ? sqlLocal(o.paidAt, ZONE) : '',
      };
      if (this.dice.malformed(irow)) {
        item['价格'] = this.dice.badNumber();
        this.ctx.dirt.note(this.items.path, 'malformed', { row: irow, column: '价格', value: String(item['价格']), why: 'non-numeric price' });
      }
      if (l.quantity === 999) this.ctx.dirt.note(this.items.path, 'outlier', { row: irow, column: '购买数量', value: '999', why: 'quantity outlier' });
      this.items.record(csvLine(rowOf(TAOBAO_ITEM_HEADER, item)));
    });
  }

  async finish(): Promise<void> {
    await this.orders.close();
    await this.items.close();
  }
}
