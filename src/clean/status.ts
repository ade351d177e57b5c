// Order status words of every platform (English and Chinese) folded onto the canonical status set.

export const CANONICAL_STATUSES = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded', 'unknown'] as const;

export const STATUS_WORDS: Record<string, (typeof CANONICAL_STATUSES)[number]> = {
  pending: 'placed', 'pending payment': 'placed', unpaid: 'placed', open: 'placed', placed: 'placed', authorized: 'placed', 'on-hold': 'placed', 'on hold': 'placed',
  '等待买家付款': 'placed', '待付款': 'placed', '未付款': 'placed', '待支付': 'placed',
  paid: 'paid', processing: 'paid', unshipped: 'paid', 'partially paid': 'paid', 'awaiting shipment': 'paid', 'partiallyshipped': 'paid',
  '买家已付款': 'paid', '已付款': 'paid', '等待卖家发货': 'paid', '待发货': 'paid', '等待出库': 'paid', '待出库': 'paid',
  shipped: 'shipped', fulfilled: 'shipped', 'in transit': 'shipped', dispatched: 'shipped', 'partially fulfilled': 'shipped',
  '卖家已发货': 'shipped', '已发货': 'shipped', '等待确认收货': 'shipped', '待收货': 'shipped', '等待收货': 'shipped', '已发货，待签收': 'shipped', '已发货,待签收': 'shipped',
  delivered: 'delivered', completed: 'delivered', complete: 'delivered', closed: 'delivered',
  '交易成功': 'delivered', '已完成': 'delivered', '完成': 'delivered', '已签收': 'delivered', '已收货': 'delivered',
  cancelled: 'cancelled', canceled: 'cancelled', voided: 'cancelled', failed: 'cancelled', declined: 'cancelled', expired: 'cancelled',
  '交易关闭': 'cancelled', '已取消': 'cancelled', '取消': 'cancelled', '已关闭': 'cancelled', '锁定': 'cancelled',
  returned: 'returned', 'return requested': 'returned', '退货': 'returned', '已退货': 'returned',
  refunded: 'refunded', 'partially refunded': 'refunded', '退款成功': 'refunded', '已退款': 'refunded', '售后完成': 'refunded',
};
