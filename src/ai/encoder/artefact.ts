// The encoder as plain JSON for the model registry: the sub-word table as int8 with one scale per row, the MLP as float32, base64.

import type { EncoderWeights } from './model.js';

export interface EncoderArtefact {
  readonly kind: 'omnifuse.title-encoder';
  readonly version: 1;
  readonly buckets: number;
  readonly dim: number;
  readonly hidden: number;
  /** int8 table, base64 */
  readonly table: string;
  /** float32 per-row scales, base64 */
  readonly scales: string;
  readonly w1: string;
  readonly b1: string;
  readonly w2: string;
}

const b64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function f32(s: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function toArtefact(w: EncoderWeights): EncoderArtefact {
  const q = new Int8Array(w.table.length);
  const scales = new Float32Array(w.buckets);
  for (let r = 0; r < w.buckets; r++) {
    let m = 0;
    for (let j = 0; j < w.dim; j++) m = Math.max(m, Math.abs(w.table[r * w.dim + j] as number));
    const s = m > 0 ? m / 127 : 1;
    scales[r] = s;
    for (let j = 0; j < w.dim; j++) q[r * w.dim + j] = Math.round((w.table[r * w.dim + j] as number) / s);
  }
  return { kind: 'omnifuse.title-encoder', version: 1, buckets: w.buckets, dim: w.dim, hidden: w.hidden, table: b64(q), scales: b64(scales), w1: b64(w.w1), b1: b64(w.b1), w2: b64(w.w2) };
}

export function fromArtefact(a: EncoderArtefact): EncoderWeights {
  if (a.kind !== 'omnifuse.title-encoder' || a.version !== 1) throw new Error(`not a title-encoder v1 artefact (kind ${String(a.kind)}, version ${String(a.version)})`);
  const q = new Int8Array(Buffer.from(a.table, 'base64'));
  const scales = f32(a.scales);
  const table = new Float32Array(a.buckets * a.dim);
  for (let r = 0; r < a.buckets; r++) {
    const s = scales[r] as number;
    for (let j = 0; j < a.dim; j++) table[r * a.dim + j] = (q[r * a.dim + j] as number) * s;
  }
  return { buckets: a.buckets, dim: a.dim, hidden: a.hidden, table, w1: f32(a.w1), b1: f32(a.b1), w2: f32(a.w2) };
}
