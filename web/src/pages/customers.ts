// Customers: accounts per platform and the most valuable accounts (masked unless the token has the pii scope).
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

export async function customersPage(): Promise<Node> {
  const [summary, rows] = await Promise.all([
    api<{ platform: string; accounts: number; shared_across_platforms: number }[]>('/api/customers/summary'),
    api<{ platform: string; platform_customer_id: string | null; name_masked: string | null; city: string | null; country: string | null; orders: number; revenue_base: number | null; shared_email: boolean; person_id: string | null }[]>('/api/customers?limit=100'),
  ]);
  return h('div', {},
    h('h1', {}, t('customers')),
    table([
      { label: t('platform'), value: (x) => x.platform },
      { label: t('accounts'), value: (x) => formatNumber(x.accounts), num: true },
      { label: t('shared'), value: (x) => formatNumber(x.shared_across_platforms), num: true },
    ], summary),
    h('h2', {}, t('customers')),
    table([
      { label: t('platform'), value: (x) => x.platform },
      { label: t('customer'), value: (x) => x.platform_customer_id },
      { label: '', value: (x) => x.name_masked },
      { label: t('city'), value: (x) => x.city },
      { label: t('country'), value: (x) => x.country },
      { label: t('orders'), value: (x) => x.orders, num: true },
      { label: t('revenue'), value: (x) => formatNumber(x.revenue_base, 2), num: true },
      { label: t('shared'), value: (x) => (x.shared_email ? '✓' : '') },
      { label: t('person'), value: (x) => (x.person_id ? h('a', { href: `#/person/${encodeURIComponent(x.person_id)}` }, x.person_id) : '') },
    ], rows),
  );
}

interface Person {
  personId: string; orders: number; spendBase: number; firstSeenAt: string | null; lastSeenAt: string | null; products: string[];
  accounts: { platform: string; account: string; name: string | null; email: string | null; city: string | null; method: string; score: number }[];
}

/** One fused person: accounts on every platform (masked), orders, spend and products bought. */
export async function personPage(id: string): Promise<Node> {
  const p = await api<Person>(`/api/persons/${encodeURIComponent(id)}`);
  return h('div', {},
    h('p', {}, h('a', { href: '#/customers' }, `← ${t('back')}`)),
    h('h1', { id: 'person-id' }, p.personId),
    h('p', {}, `${t('orders')}: ${formatNumber(p.orders)} · ${t('revenue')}: ${formatNumber(p.spendBase, 2)} · ${p.firstSeenAt ?? ''} – ${p.lastSeenAt ?? ''}`),
    table([
      { label: t('platform'), value: (a) => a.platform },
      { label: t('customer'), value: (a) => a.account },
      { label: '', value: (a) => a.name },
      { label: t('city'), value: (a) => a.city },
      { label: '', value: (a) => `${a.method} ${a.score}` },
    ], p.accounts),
    h('h2', {}, t('products')),
    h('p', {}, p.products.map((x) => h('span', { class: 'tag' }, x))),
  );
}
