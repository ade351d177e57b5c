// Customer segments: RFM named segments plus k-means on standardised RFM, with k chosen by silhouette.
import type { Backend } from '../../store/backend.js';
import { fingerprint, saveModel, type ModelInfo } from '../../store/model-registry.js';
import { computeRfm, SEGMENT_NAMES, type RfmRow, type SegmentName } from './rfm.js';
import { kmeans, scale, silhouette, type Scaling } from './kmeans.js';

export interface ClusterSummary {
  cluster: number;
  customers: number;
  recency_days: number;
  frequency: number;
  monetary: number;
}

export interface KMeansChoice {
  scaling: Scaling;
  /** silhouette for each k tried */
  silhouettes: { k: number; silhouette: number }[];
  k: number;
  silhouette: number;
  clusters: ClusterSummary[];
}

export interface SegmentResult {
  asOf: string;
  customers: number;
  segments: { segment: SegmentName; customers: number; share: number; recency_days: number; frequency: number; monetary: number }[];
  kmeans: KMeansChoice[];
  rows: (RfmRow & { cluster: number })[];
  model?: ModelInfo;
}

export interface SegmentOptions {
  asOf?: string;
  kRange?: [number, number];
  seed?: number;
  /** log1p on frequency and monetary before scaling (both are heavy-tailed) */
  log?: boolean;
  store?: boolean;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const r2 = (v: number) => Math.round(v * 100) / 100;

export async function segmentCustomers(db: Backend, opts: SegmentOptions = {}): Promise<SegmentResult> {
  const { asOf, rows } = await computeRfm(db, opts.asOf);
  const segments = SEGMENT_NAMES.map((segment) => {
    const m = rows.filter((r) => r.segment === segment);
    return { segment, customers: m.length, share: rows.length ? r2((100 * m.length) / rows.length) : 0, recency_days: r2(mean(m.map((r) => r.recency_days))), frequency: r2(mean(m.map((r) => r.frequency))), monetary: r2(mean(m.map((r) => r.monetary))) };
  });
  const log = opts.log ?? true;
  const raw = rows.map((r) => [r.recency_days, log ? Math.log1p(r.frequency) : r.frequency, log ? Math.log1p(Math.max(0, r.monetary)) : r.monetary]);
  const [kLo, kHi] = opts.kRange ?? [2, 8];
  const choices: KMeansChoice[] = [];
  const labelsBy: Record<string, Int32Array> = {};
  const fitted: Record<string, { centroids: number[][]; shift: number[]; div: number[] }> = {};
  for (const scaling of ['zscore', 'minmax'] as const) {
    if (rows.length < kLo + 1) break;
    const s = scale(raw, scaling);
    const tried: { k: number; silhouette: number; labels: Int32Array; centroids: number[][] }[] = [];
    for (let k = kLo; k <= Math.min(kHi, rows.length - 1); k++) {
      const km = kmeans(s.rows, k, { seed: opts.seed ?? 1 });
      tried.push({ k, silhouette: silhouette(s.rows, km.labels, k, { seed: opts.seed ?? 1 }), labels: km.labels, centroids: km.centroids });
    }
    const best = tried.reduce((a, b) => (b.silhouette > a.silhouette + 1e-12 ? b : a));
    labelsBy[scaling] = best.labels;
    fitted[scaling] = { centroids: best.centroids, shift: s.shift, div: s.div };
    const clusters = Array.from({ length: best.k }, (_, c) => {
      const m = rows.filter((_, i) => best.labels[i] === c);
      return { cluster: c, customers: m.length, recency_days: r2(mean(m.map((r) => r.recency_days))), frequency: r2(mean(m.map((r) => r.frequency))), monetary: r2(mean(m.map((r) => r.monetary))) };
    });
    choices.push({ scaling, silhouettes: tried.map((t) => ({ k: t.k, silhouette: Math.round(t.silhouette * 1e4) / 1e4 })), k: best.k, silhouette: Math.round(best.silhouette * 1e4) / 1e4, clusters });
  }
  const z = labelsBy.zscore;
  const result: SegmentResult = { asOf, customers: rows.length, segments, kmeans: choices, rows: rows.map((r, i) => ({ ...r, cluster: z ? z[i]! : -1 })) };
  if ((opts.store ?? true) && choices.length > 0) {
    result.model = await saveModel(db, {
      name: 'segment-kmeans', kind: 'kmeans', params: { features: ['recency_days', 'log1p(frequency)', 'log1p(monetary)'], log, scaling: 'zscore', asOf },
      metrics: Object.fromEntries(choices.map((c) => [`${c.scaling}`, { k: c.k, silhouette: c.silhouette }])),
      dataFingerprint: fingerprint(rows.length, asOf), artefact: fitted,
    });
  }
  return result;
}
