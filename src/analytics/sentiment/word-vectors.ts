// English word vectors (a frequency-ordered GloVe 100-d subset, int8, built by scripts/build-word-vectors.ts): what
// ~90 negative reviews cannot teach — that "defective", "unhappy" and "refund" sit near words a model has seen. Read
// on first use (2.2 MB), and shared by every caller.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inputError } from '../../util/errors.js';

export const WORD_VECTORS_FILE = 'glove-100d-top20k.bin';

export interface WordVectors {
  /** the asset's file name (recorded with a model, so a model is scored with the vectors it was fitted on) */
  name: string;
  dims: number;
  /** word → row, most frequent first (row = frequency rank among the kept words) */
  index: Map<string, number>;
  scale: Float32Array;
  q: Int8Array;
}

const loaded = new Map<string, WordVectors>();

/** The asset under assets/word-vectors/ (from src/ or dist/ alike: both sit one level below the package root). */
export function wordVectorsPath(name = WORD_VECTORS_FILE): string {
  return fileURLToPath(new URL(`../../../assets/word-vectors/${name}`, import.meta.url));
}

/** Parse an asset file (see scripts/build-word-vectors.ts for the format). */
export function parseWordVectors(buf: Buffer, name: string): WordVectors {
  if (buf.length < 16 || buf.toString('latin1', 0, 4) !== 'OFWV' || buf.readUInt32LE(4) !== 1) {
    throw inputError(`${name} is not an omnifuse word-vector file (format 1)`, 'rebuild it: npx tsx scripts/build-word-vectors.ts (see its header)');
  }
  const rows = buf.readUInt32LE(8);
  const dims = buf.readUInt32LE(12);
  const qAt = 16 + rows * 4;
  const wordsAt = qAt + rows * dims;
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) scale[r] = buf.readFloatLE(16 + r * 4);
  const q = new Int8Array(buf.buffer.slice(buf.byteOffset + qAt, buf.byteOffset + wordsAt));
  const words = buf.toString('utf8', wordsAt).split('\n');
  if (words.length !== rows) throw inputError(`${name}: ${words.length} words for ${rows} vectors`, 'rebuild it: npx tsx scripts/build-word-vectors.ts (see its header)');
  return { name, dims, index: new Map(words.map((w, i) => [w, i])), scale, q };
}

/** The shipped vectors, read on first use and cached (by file name). */
export function wordVectors(name = WORD_VECTORS_FILE): WordVectors {
  let v = loaded.get(name);
  if (!v) {
    let buf: Buffer;
    try {
      buf = readFileSync(wordVectorsPath(name));
    } catch (e) {
      throw inputError(`word vectors ${name} not found at ${wordVectorsPath(name)}`, 'they ship in assets/word-vectors/; rebuild with scripts/build-word-vectors.ts', e);
    }
    v = parseWordVectors(buf, name);
    loaded.set(name, v);
  }
  return v;
}

const CONTRACTED: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall' };

/** Rows of a word: itself, or for a contraction (the vectors have none) its pieces: "don't" → do + not, "it's" → it. */
export function wordRows(v: WordVectors, word: string): number[] {
  const r = v.index.get(word);
  if (r !== undefined) return [r];
  const m = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/.exec(word);
  if (!m) return [];
  const pieces = m[2] === "n't" ? [CONTRACTED[m[1]!] ?? m[1]!, 'not'] : [m[1]!];
  return pieces.map((p) => v.index.get(p)).filter((x): x is number => x !== undefined);
}

/** acc += w · vector(row) */
export function addRow(v: WordVectors, row: number, w: number, acc: Float64Array): void {
  const s = v.scale[row]! * w;
  const o = row * v.dims;
  for (let j = 0; j < v.dims; j++) acc[j] = acc[j]! + v.q[o + j]! * s;
}
