// Overview: orders and revenue (base currency) by platform over time.
import { api } from '../api.js';
import { chart } from '../charts.js';
import { h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

interface Revenue {
  baseCurrency: string;
  series: { period: string; platform: string; orders: number; revenue_base: number | null }[];
  totals: { platform: string; orders: number; revenue_base: number | null; first: string; last: string }[];
}

export async function overviewPage(): Promise<Node> {
  const r = await api<Revenue>('/api/orders/revenue?interval=month');
  const periods = [...new Set(r.series.map((s) => s.period.slice(0, 7)))].sort();
  const platforms = r.totals.map((x) => x.platform);
  const pick = (p: string, f: 'orders' | 'revenue_base') => periods.map((per) => r.series.find((s) => s.platform === p && s.period.startsWith(per))?.[f] ?? null);
  return h('div', {},
    h('h1', {}, t('overview')),
    h('div', { class: 'card' }, h('h2', {}, `${t('revenueByPlatform')} (${r.baseCurrency})`),
      chart('chart-revenue', periods, platforms.map((p) => ({ name: p, type: 'line', data: pick(p, 'revenue_base') })), { yName: r.baseCurrency })),
    h('div', { class: 'card' }, h('h2', {}, t('ordersByPlatform')),
      chart('chart-orders', periods, platforms.map((p) => ({ name: p, type: 'bar', data: pick(p, 'orders') })))),
    table([
      { label: t('platform'), value: (x) => x.platform },
      { label: t('orders'), value: (x) => formatNumber(x.orders), num: true },
      { label: `${t('revenue')} (${r.baseCurrency})`, value: (x) => formatNumber(x.revenue_base, 2), num: true },
      { label: t('period'), value: (x) => `${x.first} – ${x.last}` },
    ], r.totals),
  );
}
