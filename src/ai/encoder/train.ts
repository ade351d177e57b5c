// Contrastive training of the title encoder with tfjs on the wasm backend: positives (labelled / identifier-equal pairs and
// augmented views of one title), in-batch negatives plus one hard negative per row, InfoNCE loss in both directions.
// The MLP head trains with Adam inside tfjs; the large sub-word table gets sparse row-wise Adagrad updates from the bag
// gradients tfjs returns (wasm has no sparse gather gradient, and a dense table gradient would cost far more).

import { createRng, type Rng } from '../builtin/rng.js';
import { augmentTitle } from './augment.js';
import { bagOf, type EncoderShape, type EncoderWeights } from './model.js';
import { titleBuckets } from './tokens.js';

export interface EncoderTrainingSet {
  readonly texts: readonly string[];
  /** Index pairs of texts known to be the same product (labelled matches, identifier-equal listings). */
  readonly positives: readonly (readonly [number, number])[];
  /** Index pairs known to differ; used as hard negatives. */
  readonly negatives?: readonly (readonly [number, number])[];
}

export interface EncoderTrainOptions extends EncoderShape {
  readonly steps: number;
  readonly batch: number;
  /** Adam learning rate of the MLP head. */
  readonly lr: number;
  /** Adagrad learning rate of the sub-word table. */
  readonly tableLr: number;
  readonly temperature: number;
  /** Share of batch rows that are two augmented views of one title (the rest are labelled positives, when there are any). */
  readonly augmentShare: number;
  readonly seed: number;
}

export const DEFAULT_ENCODER_TRAINING: EncoderTrainOptions = {
  buckets: 1 << 15, dim: 96, hidden: 192, steps: 600, batch: 128, lr: 2e-3, tableLr: 0.03, temperature: 0.05, augmentShare: 0.5, seed: 1,
};

export interface EncoderTrainReport {
  readonly steps: number;
  readonly seconds: number;
  readonly firstLoss: number;
  readonly lastLoss: number;
  readonly backend: string;
}

type Tf = typeof import('@tensorflow/tfjs');

/** Loads tfjs with the wasm backend (bundled .wasm files, nothing is downloaded). */
export async function loadTfWasm(): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  if (tf.getBackend() !== 'wasm') {
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('the tfjs wasm backend did not initialise (is @tensorflow/tfjs-backend-wasm installed?)');
  }
  await tf.ready();
  return tf;
}

function uniform(rng: Rng, n: number, scale: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (rng.next() * 2 - 1) * scale;
  return a;
}

export function initEncoder(shape: EncoderShape, seed: number): EncoderWeights {
  const rng = createRng(seed);
  return {
    ...shape,
    table: uniform(rng, shape.buckets * shape.dim, 0.17),
    w1: uniform(rng, shape.dim * shape.hidden, Math.sqrt(6 / (shape.dim + shape.hidden))),
    b1: new Float32Array(shape.hidden),
    w2: uniform(rng, shape.hidden * shape.dim, 0.01),
  };
}

interface Batch {
  readonly a: string[];
  readonly b: string[];
  readonly n: string[];
}

function sampleBatch(set: EncoderTrainingSet, hard: Map<number, number[]>, o: EncoderTrainOptions, rng: Rng): Batch {
  const out: Batch = { a: [], b: [], n: [] };
  const nTexts = set.texts.length;
  const text = (i: number): string => set.texts[i] as string;
  for (let r = 0; r < o.batch; r++) {
    let anchor: number;
    if (set.positives.length === 0 || rng.next() < o.augmentShare) {
      anchor = Math.floor(rng.next() * nTexts);
      out.a.push(augmentTitle(text(anchor), rng));
      out.b.push(augmentTitle(text(anchor), rng));
    } else {
      const p = set.positives[Math.floor(rng.next() * set.positives.length)] as readonly [number, number];
      const [i, j] = rng.next() < 0.5 ? [p[0], p[1]] : [p[1], p[0]];
      anchor = i;
      out.a.push(rng.next() < 0.5 ? text(i) : augmentTitle(text(i), rng, 0.5));
      out.b.push(rng.next() < 0.5 ? text(j) : augmentTitle(text(j), rng, 0.5));
    }
    const negs = hard.get(anchor);
    const neg = negs && negs.length > 0 ? (negs[Math.floor(rng.next() * negs.length)] as number) : Math.floor(rng.next() * nTexts);
    out.n.push(text(neg));
  }
  return out;
}

/** Trains an encoder; deterministic for a seed apart from floating-point summation order inside tfjs. */
export async function trainEncoder(set: EncoderTrainingSet, options: Partial<EncoderTrainOptions> = {}, onProgress?: (step: number, loss: number) => void): Promise<{ weights: EncoderWeights; report: EncoderTrainReport }> {
  if (set.texts.length < 2) throw new Error(`need at least 2 titles to train the encoder, got ${set.texts.length}`);
  const o = { ...DEFAULT_ENCODER_TRAINING, ...options };
  const tf = await loadTfWasm();
  const t0 = performance.now();
  const rng = createRng(o.seed);
  const w = initEncoder(o, o.seed);
  const hard = new Map<number, number[]>();
  for (const [i, j] of set.negatives ?? []) {
    (hard.get(i) ?? hard.set(i, []).get(i))?.push(j);
    (hard.get(j) ?? hard.set(j, []).get(j))?.push(i);
  }
  const d = o.dim;
  const n = o.batch;
  const w1 = tf.variable(tf.tensor2d(w.w1, [d, o.hidden]), true, 'w1');
  const b1 = tf.variable(tf.tensor1d(w.b1), true, 'b1');
  const w2 = tf.variable(tf.tensor2d(w.w2, [o.hidden, d]), true, 'w2');
  const bags = [0, 1, 2].map((k) => tf.variable(tf.zeros([n, d]), true, `bag${k}`));
  const [bagA, bagB, bagN] = bags as [typeof w1, typeof w1, typeof w1];
  const optimizer = tf.train.adam(o.lr);
  const labelsAB = tf.oneHot(tf.range(0, n, 1, 'int32'), 2 * n);
  const labelsBA = tf.oneHot(tf.range(0, n, 1, 'int32'), n);
  const encode = (x: typeof w1) => {
    const z = tf.add(x, tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2));
    return tf.mul(z, tf.rsqrt(tf.add(tf.sum(tf.square(z), 1, true), 1e-12)));
  };
  const loss = () => {
    const za = encode(bagA);
    const zb = encode(bagB);
    const zn = encode(bagN);
    const ab = tf.div(tf.matMul(za, tf.concat([zb, zn], 0), false, true), o.temperature);
    const ba = tf.div(tf.matMul(zb, za, false, true), o.temperature);
    return tf.add<ReturnType<typeof tf.scalar>>(tf.losses.softmaxCrossEntropy(labelsAB, ab), tf.losses.softmaxCrossEntropy(labelsBA, ba));
  };
  const acc = new Float32Array(o.buckets);
  const buf = new Float32Array(n * d);
  let firstLoss = NaN;
  let lastLoss = NaN;
  for (let s = 0; s < o.steps; s++) {
    const batch = sampleBatch(set, hard, o, rng);
    const sides = [batch.a, batch.b, batch.n].map((texts) => texts.map((t) => titleBuckets(t, o.buckets)));
    sides.forEach((ids, k) => {
      ids.forEach((row, r) => bagOf(w, row, buf, r * d));
      tf.tidy(() => (bags[k] as typeof w1).assign(tf.tensor2d(buf, [n, d])));
    });
    const { value, grads } = tf.variableGrads(loss);
    const lv = (await value.data())[0] as number;
    if (s === 0) firstLoss = lv;
    lastLoss = lv;
    optimizer.applyGradients({ w1: grads.w1 as typeof w1, b1: grads.b1 as typeof w1, w2: grads.w2 as typeof w1 });
    // Sparse row-wise Adagrad on the sub-word table: each token of a title gets the bag gradient / title length.
    const rowGrads = new Map<number, Float32Array>();
    for (let k = 0; k < 3; k++) {
      const g = (await (grads[`bag${k}`] as typeof w1).data()) as Float32Array;
      (sides[k] as Uint32Array[]).forEach((ids, r) => {
        if (ids.length === 0) return;
        const inv = 1 / ids.length;
        for (const id of ids) {
          let rg = rowGrads.get(id);
          if (!rg) rowGrads.set(id, (rg = new Float32Array(d)));
          for (let j = 0; j < d; j++) rg[j] = (rg[j] as number) + (g[r * d + j] as number) * inv;
        }
      });
    }
    for (const [id, rg] of rowGrads) {
      let sq = 0;
      for (let j = 0; j < d; j++) sq += (rg[j] as number) ** 2;
      acc[id] = (acc[id] as number) + sq / d;
      const step = o.tableLr / (Math.sqrt(acc[id] ?? 0) + 1e-10);
      const base = id * d;
      for (let j = 0; j < d; j++) w.table[base + j] = (w.table[base + j] as number) - step * (rg[j] as number);
    }
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
    if (onProgress && (s % 50 === 0 || s === o.steps - 1)) onProgress(s, lv);
  }
  w.w1.set(await w1.data());
  w.b1.set(await b1.data());
  w.w2.set(await w2.data());
  for (const v of [w1, b1, w2, ...bags, labelsAB, labelsBA]) v.dispose();
  optimizer.dispose();
  return { weights: w, report: { steps: o.steps, seconds: (performance.now() - t0) / 1000, firstLoss, lastLoss, backend: tf.getBackend() } };
}
