// Alerts: data-quality problems now; sales/price anomalies once the detector exists.
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

interface Anomaly { kind: string; platform: string; product_id: string | null; date: string; score: number; reason: string }
type Anomalies = { available: true; sales: Anomaly[]; orders: Anomaly[] } | { available: false; message: string };

export async function alertsPage(): Promise<Node> {
  const r = await api<{ dataQuality: { file_id: number; file: string; platform: string; rows_read: number; rows_rejected: number; reject_pct: number; kind: string }[]; anomalies: Anomalies }>('/api/alerts');
  return h('div', {},
    h('h1', {}, t('alerts')),
    h('h2', {}, t('dataQualityAlerts')),
    r.dataQuality.length ? table([
      { label: t('file'), value: (x) => x.file },
      { label: t('platform'), value: (x) => x.platform },
      { label: t('read'), value: (x) => formatNumber(x.rows_read), num: true },
      { label: t('rejected'), value: (x) => formatNumber(x.rows_rejected), num: true },
      { label: t('rejectPct'), value: (x) => formatNumber(x.reject_pct, 2), num: true },
    ], r.dataQuality, (x) => (location.hash = `#/quality?file_id=${x.file_id}`)) : h('p', { class: 'muted' }, t('noData')),
    h('h2', {}, t('anomalies')),
    r.anomalies.available
      ? h('div', { id: 'anomalies' }, table([
        { label: '', value: (x: Anomaly) => x.kind },
        { label: t('platform'), value: (x: Anomaly) => x.platform },
        { label: t('products'), value: (x: Anomaly) => (x.product_id ? h('a', { href: `#/product/${encodeURIComponent(x.product_id)}` }, x.product_id) : '') },
        { label: t('period'), value: (x: Anomaly) => x.date },
        { label: 'score', value: (x: Anomaly) => formatNumber(x.score, 2), num: true },
        { label: t('reason'), value: (x: Anomaly) => x.reason },
      ], [...r.anomalies.sales, ...r.anomalies.orders].sort((a, b) => b.score - a.score)))
      : h('p', { class: 'notice' }, `${t('notAvailable')}: ${r.anomalies.message}`),
  );
}
