// Product explorer: search, then open a product (golden record, listings, price per platform, sales, forecast).
import { api, ApiError, qs } from '../api.js';
import { chart } from '../charts.js';
import { h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { text } from '../text.js';

interface Summary {
  product_id: string; fused: boolean; title: string | null; brand: string | null; n_listings: number; n_platforms: number;
  platforms: string[]; min_price_base: number | null; max_price_base: number | null;
}

export async function productsPage(params: URLSearchParams): Promise<Node> {
  const q = params.get('q') ?? '';
  const res = await api<{ total: number; items: Summary[] }>(`/api/products${qs({ q, limit: 50 })}`);
  const input = h('input', { type: 'search', id: 'product-search', placeholder: t('searchPlaceholder'), value: q });
  const go = (e: Event) => {
    e.preventDefault();
    location.hash = `#/products${qs({ q: input.value })}`;
  };
  return h('div', {},
    h('h1', {}, t('products')),
    h('form', { class: 'card', onsubmit: go }, input, ' ', h('button', { class: 'primary', type: 'submit' }, t('search')),
      h('span', { class: 'muted', id: 'product-count' }, `  ${formatNumber(res.total)} ${t('results')}`)),
    table([
      { label: t('title'), value: (p) => p.title },
      { label: t('brand'), value: (p) => p.brand },
      { label: t('platforms'), value: (p) => p.platforms.map((x) => h('span', { class: 'tag' }, x)) },
      { label: t('listings'), value: (p) => p.n_listings, num: true },
      { label: t('priceRange'), value: (p) => p.min_price_base === p.max_price_base ? formatNumber(p.min_price_base, 2) : `${formatNumber(p.min_price_base, 2)} – ${formatNumber(p.max_price_base, 2)}`, num: true },
      { label: '', value: (p) => h('span', { class: 'muted' }, p.fused ? t('fused') : t('provisional')) },
    ], res.items, (p) => (location.hash = `#/product/${encodeURIComponent(p.product_id)}`)),
  );
}

interface Detail {
  product_id: string; fused: boolean; baseCurrency: string;
  golden: Record<string, unknown>;
  listings: Record<string, unknown>[];
  prices: { listed: { platform: string; min: number | null; avg: number | null; max: number | null }[]; paid: { platform: string; avg_paid: number | null }[] };
  sales: { month: string; platform: string; units: number; revenue_base: number | null }[];
}

export async function productPage(id: string): Promise<Node> {
  const d = await api<Detail>(`/api/products/${encodeURIComponent(id)}`);
  const platforms = d.prices.listed.map((p) => p.platform);
  const paid = (p: string) => d.prices.paid.find((x) => x.platform === p)?.avg_paid ?? null;
  const months = [...new Set(d.sales.map((s) => s.month))].sort();
  const salesPlatforms = [...new Set(d.sales.map((s) => s.platform))];
  let forecast: Node;
  try {
    const f = await api<{ model: string; points: { day: string; yhat: number; lo: number | null; hi: number | null }[] }>(`/api/products/${encodeURIComponent(id)}/forecast`);
    forecast = h('div', {}, h('p', { class: 'muted' }, `${f.model}`),
      chart('chart-forecast', f.points.map((p) => p.day), [
        { name: 'forecast', type: 'line', data: f.points.map((p) => p.yhat) },
        { name: 'low', type: 'line', data: f.points.map((p) => p.lo) },
        { name: 'high', type: 'line', data: f.points.map((p) => p.hi) },
      ], { yName: t('units') }));
  } catch (e) {
    forecast = h('p', { class: 'notice', id: 'forecast-note' },
      e instanceof ApiError && e.status === 409 ? `${t('notAvailable')}: ${e.message}${e.hint ? ` — ${e.hint}` : ''}` : String(e));
  }
  const g = d.golden;
  return h('div', {},
    h('p', {}, h('a', { href: '#/products' }, `← ${t('back')}`)),
    h('h1', { id: 'product-title' }, text(g.title) || d.product_id),
    h('div', { class: 'grid2' },
      h('div', { class: 'card' }, h('h2', {}, t('goldenRecord')),
        h('div', { class: 'kv' }, ...Object.entries(g).filter(([, v]) => v !== null && v !== '').flatMap(([k, v]) => [h('span', { class: 'muted' }, k), h('span', {}, text(v))])),
        h('p', { class: 'muted' }, d.fused ? t('fused') : t('provisional'))),
      h('div', { class: 'card' }, h('h2', {}, `${t('pricePerPlatform')} (${d.baseCurrency})`),
        chart('chart-prices', platforms, [
          { name: t('minPrice'), type: 'bar', data: d.prices.listed.map((p) => p.min) },
          { name: t('avgPrice'), type: 'bar', data: d.prices.listed.map((p) => p.avg) },
          { name: t('maxPrice'), type: 'bar', data: d.prices.listed.map((p) => p.max) },
          { name: t('paidPrice'), type: 'bar', data: platforms.map(paid) },
        ], { yName: d.baseCurrency }))),
    h('h2', {}, t('listings')),
    table([
      { label: t('platform'), value: (l) => String(l.platform) },
      { label: 'ID', value: (l) => (l.url ? h('a', { href: text(l.url), target: '_blank', rel: 'noreferrer' }, text(l.platform_listing_id)) : text(l.platform_listing_id)) },
      { label: t('title'), value: (l) => (l.title as string | null) ?? '' },
      { label: t('sku'), value: (l) => (l.sku as string | null) ?? '' },
      { label: t('price'), value: (l) => `${formatNumber(l.price as number | null, 2)} ${(l.currency as string | null) ?? ''}`, num: true },
      { label: `${t('price')} (${d.baseCurrency})`, value: (l) => formatNumber(l.price_base as number | null, 2), num: true },
    ], d.listings),
    h('div', { class: 'card' }, h('h2', {}, t('monthlySales')),
      months.length ? chart('chart-sales', months, salesPlatforms.map((p) => ({ name: p, type: 'bar', data: months.map((m) => d.sales.find((s) => s.month === m && s.platform === p)?.units ?? null) })))
        : h('p', { class: 'muted' }, t('noData'))),
    h('div', { class: 'card' }, h('h2', {}, t('forecast')), forecast),
  );
}
