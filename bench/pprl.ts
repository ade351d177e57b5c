// Privacy-preserving record linkage: CLK (Bloom filter) linkage F1 against plaintext linkage on the same features,
// thresholds chosen on a validation pair of files (seed 1), scored once on a test pair (seed 2); then the time to
// link 100k × 100k encoded records. `npm run bench -- pprl [--persons=20000] [--scale=100000] [--json]`
import { clkFields, clkEncoder, type EncodedRecord, type PiiRecord } from '../src/privacy/clk-file.js';
import { blockedPairs, greedyMatch, linkClks } from '../src/privacy/pprl-link.js';
import { plainDice, plainProfile } from '../src/privacy/plain-link.js';
import { dice } from '../src/privacy/clk.js';
import { linkScore, partnerData, type PartnerData } from '../test/privacy/partner-data.js';

const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};
const json = process.argv.includes('--json');
const PERSONS = arg('persons', 20_000);
const SCALE = arg('scale', 100_000);
const KEY = Buffer.alloc(32, 42);
const MAX_BLOCK = arg("max-block", 250_000);
const THRESHOLDS = Array.from({ length: 31 }, (_, i) => 0.5 + i * 0.015);

function encodeAll(records: readonly PiiRecord[]): EncodedRecord[] {
  const enc = clkEncoder(KEY);
  return records.map(enc);
}

/** All candidate pairs with both scores, so every threshold is tried on the same candidates. */
function scoredPairs(d: PartnerData) {
  const ea = encodeAll(d.a);
  const eb = encodeAll(d.b);
  const pa = d.a.map((r) => plainProfile(clkFields(r)));
  const pb = d.b.map((r) => plainProfile(clkFields(r)));
  const clk = blockedPairs(ea, eb, MAX_BLOCK, (i, j) => dice(ea[i]!.clk, eb[j]!.clk, ea[i]!.count, eb[j]!.count), THRESHOLDS[0]!);
  const plain = blockedPairs(ea, eb, MAX_BLOCK, (i, j) => plainDice(pa[i]!, pb[j]!), THRESHOLDS[0]!);
  return { clk: clk.pairs, plain: plain.pairs, candidates: clk.candidates };
}

function scoreAt(d: PartnerData, pairs: { a: number; b: number; score: number }[], t: number) {
  const links = greedyMatch([...pairs], t).map((m) => ({ a: d.a[m.a]!.id, b: d.b[m.b]!.id }));
  return linkScore(d, links);
}

const valid = partnerData(1, PERSONS);
const test = partnerData(2, PERSONS);
const sv = scoredPairs(valid);
const best = (pairs: typeof sv.clk) => THRESHOLDS.map((t) => ({ t, f1: scoreAt(valid, pairs, t).f1 })).sort((x, y) => y.f1 - x.f1)[0]!;
const tClk = best(sv.clk);
const tPlain = best(sv.plain);
const st = scoredPairs(test);
const clkTest = scoreAt(test, st.clk, tClk.t);
const plainTest = scoreAt(test, st.plain, tPlain.t);

// timing: 100k × 100k encoded records, linkage only (encoding timed apart)
const big = partnerData(3, Math.round(SCALE / 0.8));
const a = big.a.slice(0, SCALE);
const b = big.b.slice(0, SCALE);
let t0 = performance.now();
const ea = encodeAll(a);
const eb = encodeAll(b);
const encodeSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const r = linkClks(ea, eb, { threshold: tClk.t, maxBlockPairs: MAX_BLOCK });
const linkSeconds = (performance.now() - t0) / 1000;
const bigScore = linkScore({ ...big, a, b }, r.matches.map((m) => ({ a: a[m.a]!.id, b: b[m.b]!.id })));

const out = {
  accuracy: {
    persons: PERSONS, recordsA: test.a.length, recordsB: test.b.length, candidates: st.candidates,
    clk: { threshold: +tClk.t.toFixed(3), validF1: tClk.f1, ...clkTest },
    plaintext: { threshold: +tPlain.t.toFixed(3), validF1: tPlain.f1, ...plainTest },
    f1GapPoints: 100 * (plainTest.f1 - clkTest.f1),
  },
  scale: { a: a.length, b: b.length, encodeSeconds, linkSeconds, candidates: r.candidates, links: r.matches.length, f1: bigScore.f1 },
};
if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
else {
  const pct = (x: number) => (100 * x).toFixed(1);
  process.stdout.write(`PPRL on ${PERSONS.toLocaleString('en-US')} persons per file pair (test: ${test.a.length} × ${test.b.length} records, ${st.candidates.toLocaleString('en-US')} candidate pairs)\n`);
  process.stdout.write(`  CLK 1024-bit Dice   threshold ${tClk.t.toFixed(3)}: P ${pct(clkTest.precision)} R ${pct(clkTest.recall)} F1 ${pct(clkTest.f1)}\n`);
  process.stdout.write(`  plaintext q-grams   threshold ${tPlain.t.toFixed(3)}: P ${pct(plainTest.precision)} R ${pct(plainTest.recall)} F1 ${pct(plainTest.f1)}\n`);
  process.stdout.write(`  F1 gap: ${out.accuracy.f1GapPoints.toFixed(2)} points (bar: ≤ 3)\n`);
  process.stdout.write(`${a.length.toLocaleString('en-US')} × ${b.length.toLocaleString('en-US')}: encode ${encodeSeconds.toFixed(1)} s, link ${linkSeconds.toFixed(1)} s (bar: ≤ 60 s), ${r.candidates.toLocaleString('en-US')} candidates, ${r.matches.length.toLocaleString('en-US')} links, F1 ${pct(bigScore.f1)}\n`);
}
