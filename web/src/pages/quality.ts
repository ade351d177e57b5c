// Data quality: files, rejects by reason, the rejected rows, and one row in detail (its problems and raw record).
import { api, ApiError, getToken, qs } from '../api.js';
import { chart } from '../charts.js';
import { h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

interface UploadResult { file: string; status: string; read: number; accepted: number; rejected: number; rejects: { reason: string; count: number }[]; error?: { message: string } }
interface Reject { file_id: number; file: string; source_row: number; field: string | null; value: string | null; reason: string }

export async function qualityPage(params: URLSearchParams): Promise<Node> {
  const fileId = params.get('file_id') ?? undefined;
  const reason = params.get('reason') ?? undefined;
  const [files, summary, rejects] = await Promise.all([
    api<{ id: number; path: string; platform: string; connector: string; rows_read: number; rows_accepted: number; rows_rejected: number }[]>('/api/files?limit=200'),
    api<{ byReason: { reason: string; field: string | null; count: number }[] }>('/api/rejects/summary'),
    api<Reject[]>(`/api/rejects${qs({ file_id: fileId, reason, limit: 200 })}`),
  ]);
  const reasons = summary.byReason.slice(0, 12);
  const files_ = h('input', { type: 'file', id: 'upload-files', multiple: true });
  const result = h('div', { id: 'upload-result' });
  const upload = async (e: Event) => {
    e.preventDefault();
    if (!files_.files?.length) return;
    const form = new FormData();
    for (const f of files_.files) form.append('file', f, f.name);
    result.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    const res = await fetch('/api/upload', { method: 'POST', body: form, headers: { authorization: `Bearer ${getToken() ?? ''}` } });
    const body = (await res.json()) as { files?: UploadResult[]; message?: string; hint?: string };
    if (!res.ok || !body.files) {
      result.replaceChildren(h('p', { class: 'error' }, `${body.message ?? res.statusText}${body.hint ? ` — ${body.hint}` : ''}`));
      return;
    }
    result.replaceChildren(table([
      { label: t('file'), value: (r: UploadResult) => r.file },
      { label: '', value: (r: UploadResult) => r.status },
      { label: t('read'), value: (r: UploadResult) => formatNumber(r.read), num: true },
      { label: t('accepted'), value: (r: UploadResult) => formatNumber(r.accepted), num: true },
      { label: t('rejected'), value: (r: UploadResult) => formatNumber(r.rejected), num: true },
      { label: t('reason'), value: (r: UploadResult) => r.error?.message ?? r.rejects.map((x) => `${x.reason} (${x.count})`).join('; ') },
    ], body.files));
  };
  const short = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  return h('div', {},
    h('h1', {}, t('quality')),
    h('form', { class: 'card', onsubmit: (e: Event) => void upload(e).catch((x: unknown) => result.replaceChildren(h('p', { class: 'error' }, x instanceof ApiError ? x.message : String(x)))) },
      h('h2', {}, t('upload')), files_, ' ', h('button', { class: 'primary', type: 'submit', id: 'upload-button' }, t('upload')), result),
    h('div', { class: 'card' }, h('h2', {}, t('rejectsByReason')),
      chart('chart-rejects', reasons.map((r) => short(`${r.field ?? ''} ${r.reason}`)), [{ name: t('count'), type: 'bar', data: reasons.map((r) => r.count) }])),
    h('h2', {}, t('files')),
    table([
      { label: t('file'), value: (f) => f.path },
      { label: t('platform'), value: (f) => f.platform },
      { label: t('read'), value: (f) => formatNumber(f.rows_read), num: true },
      { label: t('accepted'), value: (f) => formatNumber(f.rows_accepted), num: true },
      { label: t('rejected'), value: (f) => formatNumber(f.rows_rejected), num: true },
    ], files, (f) => (location.hash = `#/quality${qs({ file_id: f.id })}`)),
    h('h2', {}, `${t('rejected')}${fileId ? ` · ${t('file')} ${fileId}` : ''}`),
    h('div', { id: 'rejects-table' }, table([
      { label: t('file'), value: (r) => r.file.split('/').pop() },
      { label: t('row'), value: (r) => r.source_row, num: true },
      { label: t('field'), value: (r) => r.field },
      { label: t('value'), value: (r) => r.value },
      { label: t('reason'), value: (r) => r.reason },
    ], rejects, (r) => (location.hash = `#/row/${r.file_id}/${r.source_row}`))),
  );
}

export async function rowPage(fileId: string, row: string): Promise<Node> {
  const d = await api<{ file: { path: string; platform: string; connector: string }; row: number; raw: string | null; record: unknown; problems: { field: string | null; value: string | null; reason: string }[] }>(
    `/api/files/${encodeURIComponent(fileId)}/rows/${encodeURIComponent(row)}`);
  return h('div', {},
    h('p', {}, h('a', { href: `#/quality?file_id=${fileId}` }, `← ${t('back')}`)),
    h('h1', {}, `${d.file.path.split('/').pop() ?? ''} · ${t('row')} ${d.row}`),
    table([
      { label: t('field'), value: (p) => p.field },
      { label: t('value'), value: (p) => p.value },
      { label: t('reason'), value: (p) => p.reason },
    ], d.problems),
    h('h2', {}, t('rawRecord')),
    h('pre', { id: 'raw-record' }, d.record ? JSON.stringify(d.record, null, 2) : (d.raw ?? '')),
  );
}
