// Match review: a candidate pair side by side; accept / reject / skip with buttons or the keyboard (A, R, S),
// and the decisions made so far.
import { api, ApiError } from '../api.js';
import { h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { text } from '../text.js';

interface Side { key: string; productId: string | null; title: string | null; brand: string | null; gtin: string | null; price: number | null; currency: string | null }
interface Pair { pair_id: string; score: number; threshold: number; a: Side; b: Side }
interface Decided { pair_id: string; decision: string; decidedAt: string; decidedBy: string | null }

let keyHandler: ((e: KeyboardEvent) => void) | undefined;
let skipped = 0;

export async function reviewPage(rerender: () => void): Promise<Node> {
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = undefined;
  let pairs: Pair[];
  try {
    pairs = (await api<{ items: Pair[] }>('/api/review?limit=50')).items;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
      return h('div', {}, h('h1', {}, t('review')), h('p', { class: 'notice', id: 'review-unavailable' }, `${t('notAvailable')}: ${e.message}`, e.hint ? ` — ${e.hint}` : ''));
    }
    throw e;
  }
  const decided = await api<Decided[]>('/api/review/decisions');
  const pair = pairs[skipped % Math.max(1, pairs.length)];
  const decisions = h('div', {}, h('h2', {}, t('decided')),
    decided.length ? h('div', { id: 'decisions' }, table([
      { label: 'pair', value: (d: Decided) => d.pair_id },
      { label: '', value: (d: Decided) => (d.decision === 'accept' ? t('accept') : t('reject')) },
      { label: '', value: (d: Decided) => d.decidedAt },
    ], [...decided].reverse())) : h('p', { class: 'muted' }, t('noData')));
  if (!pair) return h('div', {}, h('h1', {}, t('review')), h('p', { class: 'muted' }, t('noData')), decisions);
  const decide = async (decision: 'accept' | 'reject') => {
    await api(`/api/review/${encodeURIComponent(pair.pair_id)}/decision`, { method: 'POST', body: JSON.stringify({ decision }) });
    rerender();
  };
  const skip = () => {
    skipped++;
    rerender();
  };
  keyHandler = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    const k = e.key.toLowerCase();
    if (k === 'a') void decide('accept');
    else if (k === 'r') void decide('reject');
    else if (k === 's' || e.key === 'ArrowRight') skip();
  };
  document.addEventListener('keydown', keyHandler);
  const side = (s: Side) => h('div', { class: 'card' },
    h('h2', {}, s.title ?? s.key),
    h('div', { class: 'kv' },
      ...([['listing', s.key], [t('brand'), s.brand], ['GTIN', s.gtin], [t('price'), s.price === null ? null : `${formatNumber(s.price, 2)} ${s.currency ?? ''}`], ['product', s.productId]] as const)
        .flatMap(([k, v]) => [h('span', { class: 'muted' }, k), h('span', {}, text(v))])));
  return h('div', {},
    h('h1', {}, t('review')),
    h('p', { class: 'muted' }, `${pairs.length} · score ${pair.score.toFixed(3)} (threshold ${pair.threshold.toFixed(3)}) · `, t('shortcuts')),
    h('div', { class: 'grid2', id: 'review-pair', 'data-pair': pair.pair_id }, side(pair.a), side(pair.b)),
    h('p', {}, h('button', { class: 'primary', id: 'accept', onclick: () => void decide('accept') }, `${t('accept')} (A)`), ' ',
      h('button', { id: 'reject', onclick: () => void decide('reject') }, `${t('reject')} (R)`), ' ',
      h('button', { id: 'skip', onclick: skip }, `${t('skip')} (S)`)),
    decisions,
  );
}
