// `npm run bench -- fuse-encoder --db STORE --truth DIR/truth/listings.csv [--seeds=1,2,3,4,5] [--encoder-seed=1]
// [--steps=600] [--json]`: product fusion (`fuse products`) against a generator truth, once per GBDT seed, three ways:
// the plain matcher; with the title-encoder member (`fuse products --encoder`, the encoder trained as
// `omnifuse models train-encoder` trains it: its nearest titles as extra candidates and its member in the matcher);
// the member without the extra candidates ('member only'); and a control whose "encoder" gives every title the same
// embedding, so its member's cosine carries no information — what averaging two models gains without the encoder.
// STORE is an ingested store (omnifuse sample + init + ingest); it is copied first and left as it was. The encoder is
// read back from the registry as the CLI reads it (the int8 table): the float weights training returns score pairs a
// little differently, which moves F1 by a few tenths on a seed.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEncoder, trainStoreEncoder } from '../src/ai/encoder/store-train.js';
import type { EncoderWeights } from '../src/ai/encoder/model.js';
import { fuseProducts, type FuseInternals, type FuseOptions } from '../src/fusion/product/fuse.js';
import { evaluateFusion, pairCompleteness } from '../src/fusion/product/evaluate.js';
import { openStore } from '../src/store/open.js';
import { meanSd } from '../src/util/stats.js';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    db: { type: 'string' }, truth: { type: 'string' }, seeds: { type: 'string', default: '1,2,3,4,5' },
    'encoder-seed': { type: 'string', default: '1' }, steps: { type: 'string', default: '600' }, json: { type: 'boolean', default: false },
  },
});
const json = values.json;
const [src, truth] = [values.db, values.truth];
if (!src || !truth) {
  process.stderr.write('usage: npm run bench -- fuse-encoder --db STORE --truth DIR/truth/listings.csv [--seeds=1,2,3,4,5] [--encoder-seed=1] [--steps=600] [--json]\n');
  process.exit(2);
}
const seeds = values.seeds.split(',').map(Number);
const dir = await mkdtemp(join(tmpdir(), 'omnifuse-fuse-encoder-'));
const path = join(dir, 'bench.duckdb');
await copyFile(src, path);
const db = await openStore(path);

const t0 = performance.now();
await trainStoreEncoder(db, { training: { steps: Number(values.steps), seed: Number(values['encoder-seed']) } });
const encoderSeconds = (performance.now() - t0) / 1000;
// As `fuse products --encoder` gets it: from the registry (int8 table), not the float weights training returned.
const enc = await loadEncoder(db);
if (!enc) throw new Error('the trained encoder is not in the registry');
const blind: EncoderWeights = { ...enc.weights, table: new Float32Array(enc.weights.table.length) };
const designs: Record<string, FuseOptions['encoder']> = {
  plain: undefined,
  encoder: { weights: enc.weights, version: enc.info.version },
  'member only': { weights: enc.weights, version: enc.info.version, blocking: false },
  control: { weights: blind, version: enc.info.version, blocking: false },
};

interface Row { design: string; seed: number; threshold: number; f1: number; f1NoIdentifier: number; precision: number; recall: number; seconds: number; candidates: number; fromEncoder: number; pairCompleteness: number; encoderMember: string }
const rows: Row[] = [];
for (const [design, encoder] of Object.entries(designs)) {
  for (const seed of seeds) {
    const t = performance.now();
    let inside: FuseInternals | undefined;
    const r = await fuseProducts(db, { retrain: true, gbdt: { seed }, ...(encoder ? { encoder } : {}) }, (x) => (inside = x));
    const seconds = (performance.now() - t) / 1000;
    const q = await evaluateFusion(db, truth);
    const pc = inside ? (await pairCompleteness(db, truth, inside.records, inside.candidates)).completeness : NaN;
    const row = {
      design, seed, threshold: r.model.threshold, f1: q.all.f1, f1NoIdentifier: q.withoutIdentifier.f1, precision: q.all.precision, recall: q.all.recall, seconds,
      candidates: r.candidates.total, fromEncoder: r.candidates.fromEncoder, pairCompleteness: pc, encoderMember: r.model.encoderMember ?? '-',
    };
    rows.push(row);
    if (!json) process.stderr.write(`${design} seed ${seed}: F1 ${(row.f1 * 100).toFixed(2)} (no identifier ${(row.f1NoIdentifier * 100).toFixed(2)}), ${row.candidates} candidates (${row.fromEncoder} from the encoder), pair completeness ${(pc * 100).toFixed(2)}, encoder member ${row.encoderMember}, ${row.seconds.toFixed(1)} s\n`);
  }
}
await db.close();
await rm(dir, { recursive: true, force: true });

const plainBySeed = new Map(rows.filter((r) => r.design === 'plain').map((r) => [r.seed, r.f1]));
const summary = Object.keys(designs).map((design) => {
  const rs = rows.filter((r) => r.design === design);
  return {
    design, f1: meanSd(rs.map((r) => r.f1)), f1NoIdentifier: meanSd(rs.map((r) => r.f1NoIdentifier)),
    winsOverPlain: rs.filter((r) => r.f1 > (plainBySeed.get(r.seed) ?? Infinity)).length,
    candidates: rs[0]?.candidates ?? 0, pairCompleteness: rs[0]?.pairCompleteness ?? NaN,
  };
});
if (json) {
  console.log(JSON.stringify({ store: src, truth, encoder: { version: enc.info.version, metrics: enc.info.metrics, seconds: encoderSeconds }, rows, summary }, null, 2));
} else {
  const f = (s: { mean: number; sd: number }) => `${(s.mean * 100).toFixed(2)} ± ${(s.sd * 100).toFixed(2)}`;
  console.log(`encoder trained in ${encoderSeconds.toFixed(1)} s; GBDT seeds ${seeds.join(',')}`);
  for (const s of summary) {
    console.log(`${s.design.padEnd(11)} F1 ${f(s.f1)}  without identifiers ${f(s.f1NoIdentifier)}  seeds above plain: ${s.winsOverPlain}/${seeds.length}  candidates ${s.candidates}, pair completeness ${(s.pairCompleteness * 100).toFixed(2)}`);
  }
}
