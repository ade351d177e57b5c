// The title encoder's weights and its forward pass: mean of hashed sub-word vectors, a residual MLP, L2 normalisation.
// Inference runs on typed arrays (no tensor runtime needed to embed); training (train.ts) runs the same maths in tfjs.

import { titleBuckets } from './tokens.js';

export interface EncoderShape {
  /** Hash buckets of the sub-word table. */
  readonly buckets: number;
  /** Embedding width (also the output width). */
  readonly dim: number;
  /** Hidden width of the residual MLP. */
  readonly hidden: number;
}

export interface EncoderWeights extends EncoderShape {
  /** buckets × dim, row-major. */
  readonly table: Float32Array;
  /** dim × hidden */
  readonly w1: Float32Array;
  /** hidden */
  readonly b1: Float32Array;
  /** hidden × dim */
  readonly w2: Float32Array;
}

/** Mean of the bucket vectors of a title's features into out (zeros when the title has none). */
export function bagOf(w: EncoderWeights, ids: Uint32Array, out: Float32Array, offset = 0): void {
  const d = w.dim;
  out.fill(0, offset, offset + d);
  if (ids.length === 0) return;
  for (const id of ids) {
    const base = id * d;
    for (let j = 0; j < d; j++) out[offset + j] = (out[offset + j] as number) + (w.table[base + j] as number);
  }
  const inv = 1 / ids.length;
  for (let j = 0; j < d; j++) out[offset + j] = (out[offset + j] as number) * inv;
}

/** z = bag + relu(bag·W1 + b1)·W2, then unit length; writes into out at offset. */
export function headInPlace(w: EncoderWeights, out: Float32Array, offset: number, hidden: Float32Array): void {
  const d = w.dim;
  const h = w.hidden;
  for (let k = 0; k < h; k++) hidden[k] = w.b1[k] as number;
  for (let j = 0; j < d; j++) {
    const x = out[offset + j] as number;
    if (x === 0) continue;
    const row = j * h;
    for (let k = 0; k < h; k++) hidden[k] = (hidden[k] as number) + x * (w.w1[row + k] as number);
  }
  const z = new Float32Array(d);
  for (let j = 0; j < d; j++) z[j] = out[offset + j] as number;
  for (let k = 0; k < h; k++) {
    const a = hidden[k] as number;
    if (a <= 0) continue;
    const row = k * d;
    for (let j = 0; j < d; j++) z[j] = (z[j] as number) + a * (w.w2[row + j] as number);
  }
  let n = 0;
  for (let j = 0; j < d; j++) n += (z[j] as number) ** 2;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let j = 0; j < d; j++) out[offset + j] = (z[j] as number) * inv;
}

/** Unit-length embeddings of the titles, n × dim row-major. */
export function embedTitles(w: EncoderWeights, titles: readonly string[]): Float32Array {
  const out = new Float32Array(titles.length * w.dim);
  const hidden = new Float32Array(w.hidden);
  titles.forEach((t, i) => {
    bagOf(w, titleBuckets(t, w.buckets), out, i * w.dim);
    headInPlace(w, out, i * w.dim, hidden);
  });
  return out;
}

/** Cosine of two rows of unit-length embeddings. */
export function cosineAt(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let s = 0;
  const ai = i * dim;
  const bj = j * dim;
  for (let k = 0; k < dim; k++) s += (a[ai + k] as number) * (b[bj + k] as number);
  return s;
}
