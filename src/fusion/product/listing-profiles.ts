// What pair comparison needs from each listing, computed once per listing into flat typed arrays (one offsets array
// per kind, ids sorted within a listing), so comparing two listings is a few sorted-array merges: the per-pair cost
// that lets fusion score millions of candidate pairs. Token, character-trigram and code ids come from one shared
// vocabulary; IDF comes from statistics fitted on a seeded sample and stored with the model.
import { createRng } from '../../ai/builtin/rng.js';
import { parseNumber } from '../attribute-types.js';
import type { PairRecord } from '../pairs/types.js';
import { textTokens } from '../record-text.js';
import { codeDigits, extractModelCodes } from '../text/model-code.js';
import { normalizeText, squash } from '../text/normalize.js';
import { extractNumbers, extractQuantities, isQuantityToken } from '../text/units.js';

/** Document frequencies of words, character trigrams and model codes over a sample of listings; plain JSON. */
export interface ListingStats {
  readonly kind: 'omnifuse.listing-stats';
  readonly version: 1;
  readonly nDocs: number;
  readonly word: Record<string, number>;
  readonly char: Record<string, number>;
  readonly code: Record<string, number>;
}

/** The text attributes joined into the listing text (in this order); `price` is compared as a number. */
export const TEXT_ATTRS = ['title', 'brand', 'mpn', 'sku', 'category'] as const;

/** Growable typed array (doubling), so a million listings' ids never pass through a JS array. */
class Grow<T extends Int32Array<ArrayBuffer> | Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer>> {
  n = 0;
  constructor(public a: T, private readonly make: (n: number) => T) {}
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = this.make(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): T {
    return this.a.slice(0, this.n) as T;
  }
}
const ints = (n: number) => new Int32Array(n);
const floats = (n: number) => new Float32Array(n);
const doubles = (n: number) => new Float64Array(n);

/** Open-addressing table from small non-negative integer keys to ids (a Map of numbers is several times slower). */
class IntTable {
  private keys = new Int32Array(1 << 12).fill(-1);
  private vals = new Int32Array(1 << 12);
  private size = 0;
  get(k: number): number {
    const mask = this.keys.length - 1;
    for (let h = Math.imul(k, 0x9e3779b1) >>> 0 & mask; ; h = (h + 1) & mask) {
      const x = this.keys[h] as number;
      if (x === k) return this.vals[h] as number;
      if (x === -1) return -1;
    }
  }
  set(k: number, v: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let h = Math.imul(k, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[h] !== -1 && this.keys[h] !== k) h = (h + 1) & mask;
    if (this.keys[h] === -1) this.size++;
    this.keys[h] = k;
    this.vals[h] = v;
  }
  private grow(): void {
    const [keys, vals] = [this.keys, this.vals];
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.vals = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let h = 0; h < keys.length; h++) if ((keys[h] as number) >= 0) this.set(keys[h] as number, vals[h] as number);
  }
}

/** Ids of one kind of string with their IDF; shared by every profile set built from one context. */
class Vocab {
  private readonly byString = new Map<string, number>();
  private readonly byNumber = new IntTable();
  readonly strings: string[] = [];
  idf = new Float64Array(1024);
  constructor(private readonly df: Record<string, number> | undefined, private readonly nDocs: number) {}
  id(s: string): number {
    const got = this.byString.get(s);
    if (got !== undefined) return got;
    const id = this.add(s);
    this.byString.set(s, id);
    return id;
  }
  /** The id a small integer key was given for a string (-1 when none): trigrams are looked up without a string. */
  keyed(key: number): number {
    return this.byNumber.get(key);
  }
  setKey(key: number, id: number): void {
    this.byNumber.set(key, id);
  }
  private add(s: string): number {
    const id = this.strings.length;
    this.strings.push(s);
    if (id === this.idf.length) {
      const b = new Float64Array(id * 2);
      b.set(this.idf);
      this.idf = b;
    }
    this.idf[id] = Math.log((this.nDocs + 1) / ((this.df?.[s] ?? 0) + 1)) + 1;
    return id;
  }
}

/** Vocabularies and IDF for one run; every profile set compared with another must come from the same context. */
export interface ProfileContext {
  readonly stats: ListingStats;
  readonly word: Vocab;
  readonly char: Vocab;
  readonly code: Vocab;
  /** Brands, categories, code digit runs, numbers and quantity families (prefixed). */
  readonly sym: Vocab;
  /** Character → small index, so a trigram key is one small integer. */
  readonly alphabet: Map<number, number>;
  /** IDF of a word never seen in the statistics sample. */
  readonly rareCut: number;
}

export function createProfileContext(stats: ListingStats): ProfileContext {
  const v = (df?: Record<string, number>) => new Vocab(df, stats.nDocs);
  // Words rarer than about df ≤ 3 count as rare evidence (as the generic featurizer's rare-token features).
  return { stats, word: v(stats.word), char: v(stats.char), code: v(stats.code), sym: v(), alphabet: new Map(), rareCut: Math.log(stats.nDocs + 1) + 1 - Math.log(4) };
}

/** Per-listing comparison data; for kind K, listing i's entries are K[off[i]] .. K[off[i + 1]] (ids ascending). */
export interface Profiles {
  readonly n: number;
  readonly wordOff: Uint32Array;
  readonly wordId: Int32Array;
  readonly wordW: Float32Array;
  readonly charOff: Uint32Array;
  readonly charId: Int32Array;
  readonly charW: Float32Array;
  readonly codeOff: Uint32Array;
  readonly codeId: Int32Array;
  readonly digitOff: Uint32Array;
  readonly digitId: Int32Array;
  readonly numOff: Uint32Array;
  readonly numId: Int32Array;
  readonly mixedOff: Uint32Array;
  readonly mixedId: Int32Array;
  readonly qtyOff: Uint32Array;
  readonly qtyFam: Int32Array;
  readonly qtyVal: Float64Array;
  /** Word tokens with repeats, the first token's id, and -1 ids for empty brand / category. */
  readonly nTokens: Int32Array;
  readonly firstToken: Int32Array;
  readonly brand: Int32Array;
  readonly category: Int32Array;
  readonly price: Float64Array;
  /** Letters and digits of the whole text: codes, SKUs and MPNs are looked for inside the other side's. */
  readonly squashed: readonly string[];
  readonly sku: readonly string[];
  readonly mpn: readonly string[];
}

/** Sorted unique ids written to g; returns how many. */
function pushSorted(g: Grow<Int32Array<ArrayBuffer>>, ids: number[]): void {
  ids.sort((x, y) => x - y);
  let last = -1;
  for (const id of ids) if (id !== last) g.push((last = id));
}

/** Writes the distinct ids of buf[0..n) ascending with unit-length sublinear TF-IDF weights. */
function pushWeighted(gi: Grow<Int32Array<ArrayBuffer>>, gw: Grow<Float32Array<ArrayBuffer>>, buf: Int32Array, n: number, idf: Float64Array): void {
  const ids = buf.subarray(0, n).sort();
  const start = gw.n;
  let norm = 0;
  for (let k = 0; k < n; ) {
    const id = ids[k] as number;
    let c = 0;
    while (k < n && ids[k] === id) {
      k++;
      c++;
    }
    const w = (1 + Math.log(c)) * (idf[id] as number);
    norm += w * w;
    gi.push(id);
    gw.push(w);
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = start; k < gw.n; k++) gw.a[k] = (gw.a[k] as number) / norm;
}

const NON_ALNUM = /[^\p{L}\p{N}]+/gu;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{N}/u;

/** The whole listing text as the featurizer sees it. */
export function listingAllText(r: PairRecord): string {
  const parts: string[] = [];
  for (const a of TEXT_ATTRS) {
    const v = r.attrs[a];
    if (v && v.trim()) parts.push(v);
  }
  return normalizeText(parts.join(' '));
}

export function buildProfiles(ctx: ProfileContext, records: readonly PairRecord[]): Profiles {
  const n = records.length;
  const off = () => new Uint32Array(n + 1);
  const [wordOff, charOff, codeOff, digitOff, numOff, mixedOff, qtyOff] = [off(), off(), off(), off(), off(), off(), off()];
  const size = Math.max(16, n * 8);
  const wordId = new Grow(ints(size), ints);
  const wordW = new Grow(floats(size), floats);
  const charId = new Grow(ints(size * 4), ints);
  const charW = new Grow(floats(size * 4), floats);
  const small = () => new Grow(ints(Math.max(16, n * 2)), ints);
  const [codeId, digitId, numId, mixedId, qtyFam] = [small(), small(), small(), small(), small()];
  const qtyVal = new Grow(doubles(Math.max(16, n)), doubles);
  const nTokens = new Int32Array(n);
  const firstToken = new Int32Array(n);
  const brand = new Int32Array(n);
  const category = new Int32Array(n);
  const price = new Float64Array(n);
  const squashed: string[] = new Array<string>(n);
  const sku: string[] = new Array<string>(n);
  const mpn: string[] = new Array<string>(n);
  const { word, char, code, sym, alphabet } = ctx;
  let buf = new Int32Array(256);
  let chars = new Int32Array(256);
  for (let i = 0; i < n; i++) {
    const r = records[i] as PairRecord;
    const all = listingAllText(r);
    const tokens = textTokens(all);
    nTokens[i] = tokens.length;
    firstToken[i] = -1;
    if (tokens.length > buf.length) buf = new Int32Array(tokens.length * 2);
    const mixed: number[] = [];
    tokens.forEach((t, k) => {
      const id = word.id(t);
      if (k === 0) firstToken[i] = id;
      if (HAS_DIGIT.test(t) && HAS_LETTER.test(t) && !isQuantityToken(t)) mixed.push(id);
      buf[k] = id;
    });
    pushWeighted(wordId, wordW, buf, tokens.length, word.idf);
    pushSorted(mixedId, mixed);
    // Character trigrams of the text with non-alphanumerics as single spaces and '#' at the ends.
    const s = `#${all.replace(NON_ALNUM, ' ').trim()}#`;
    if (s.length > chars.length) [chars, buf] = [new Int32Array(s.length * 2), new Int32Array(s.length * 2)];
    let nc = 0;
    for (let k = 0; k < s.length; k++) {
      const cp = s.codePointAt(k) as number;
      if (cp > 0xffff) k++;
      let x = alphabet.get(cp);
      if (x === undefined) alphabet.set(cp, (x = alphabet.size));
      chars[nc++] = x;
    }
    let ng = 0;
    for (let k = 0; k + 3 <= nc; k++) {
      const [x, y, z] = [chars[k] as number, chars[k + 1] as number, chars[k + 2] as number];
      const key = x < 1024 && y < 1024 && z < 1024 ? (x * 1024 + y) * 1024 + z : -1;
      let id = key >= 0 ? char.keyed(key) : -1;
      if (id < 0) {
        id = char.id([...s].slice(k, k + 3).join(''));
        if (key >= 0) char.setKey(key, id);
      }
      buf[ng++] = id;
    }
    pushWeighted(charId, charW, buf, ng, char.idf);
    const codes = extractModelCodes(all);
    pushSorted(codeId, codes.map((c) => code.id(c)));
    pushSorted(digitId, codes.map(codeDigits).filter((d) => d.length >= 2).map((d) => sym.id(`d:${d}`)));
    pushSorted(numId, extractNumbers(all).map((x) => sym.id(`n:${x}`)));
    const qs = extractQuantities(all)
      .map((q) => [sym.id(`f:${q.family}`), q.value] as const)
      .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (const [f, v] of qs) {
      qtyFam.push(f);
      qtyVal.push(v);
    }
    const b = normalizeText(r.attrs.brand ?? '');
    brand[i] = b ? sym.id(`b:${b}`) : -1;
    const c = normalizeText(r.attrs.category ?? '');
    category[i] = c ? sym.id(`c:${c}`) : -1;
    price[i] = parseNumber((r.attrs.price ?? '').trim()) ?? Number.NaN;
    squashed[i] = squash(all);
    sku[i] = squash(normalizeText(r.attrs.sku ?? ''));
    mpn[i] = squash(normalizeText(r.attrs.mpn ?? ''));
    wordOff[i + 1] = wordId.n;
    charOff[i + 1] = charId.n;
    codeOff[i + 1] = codeId.n;
    digitOff[i + 1] = digitId.n;
    numOff[i + 1] = numId.n;
    mixedOff[i + 1] = mixedId.n;
    qtyOff[i + 1] = qtyFam.n;
  }
  return {
    n, wordOff, wordId: wordId.done(), wordW: wordW.done(), charOff, charId: charId.done(), charW: charW.done(),
    codeOff, codeId: codeId.done(), digitOff, digitId: digitId.done(), numOff, numId: numId.done(), mixedOff, mixedId: mixedId.done(),
    qtyOff, qtyFam: qtyFam.done(), qtyVal: qtyVal.done(), nTokens, firstToken, brand, category, price, squashed, sku, mpn,
  };
}

/** Document frequencies on at most `sample` records (seeded), enough for stable IDF at any store size. */
export function fitListingStats(records: readonly PairRecord[], sample: number, seed: number): ListingStats {
  let fitOn = records;
  if (records.length > sample) {
    const rng = createRng(seed);
    fitOn = records.filter(() => rng.next() < sample / records.length);
  }
  const ctx = createProfileContext({ kind: 'omnifuse.listing-stats', version: 1, nDocs: 0, word: {}, char: {}, code: {} });
  const p = buildProfiles(ctx, fitOn);
  const df = (v: Vocab, off: Uint32Array, ids: Int32Array): Record<string, number> => {
    const c = new Int32Array(v.strings.length);
    for (let k = 0; k < off[p.n]!; k++) c[ids[k] as number]!++;
    const out: Record<string, number> = {};
    c.forEach((x, id) => {
      if (x > 0) out[v.strings[id] as string] = x;
    });
    return out;
  };
  return { kind: 'omnifuse.listing-stats', version: 1, nDocs: p.n, word: df(ctx.word, p.wordOff, p.wordId), char: df(ctx.char, p.charOff, p.charId), code: df(ctx.code, p.codeOff, p.codeId) };
}

/** Profiles built on another thread with a context of its own, and the strings behind its ids. */
export interface ProfilePart {
  readonly profiles: Profiles;
  readonly word: readonly string[];
  readonly char: readonly string[];
  readonly code: readonly string[];
  readonly sym: readonly string[];
}

/** What a thread sends back after building profiles with its own context. */
export function profilePart(ctx: ProfileContext, profiles: Profiles): ProfilePart {
  return { profiles, word: ctx.word.strings, char: ctx.char.strings, code: ctx.code.strings, sym: ctx.sym.strings };
}

/** A part's id → ctx's id for the same string (ctx learns the strings it lacks, in the part's id order). */
function idMap(v: Vocab, strings: readonly string[]): Int32Array {
  return Int32Array.from(strings, (s) => v.id(s));
}

/**
 * Ids ascending within a listing's run again after a remap (an insertion sort carrying the weights along; ties, only
 * possible for quantities, by value). Vocabulary ids are not seeded from the statistics on purpose: first-appearance
 * ids keep the features — the soft word match takes the first unshared words by id — exactly those of one thread.
 */
function resort(ids: Int32Array, w: Float32Array | Float64Array | undefined, s: number, e: number): void {
  for (let k = s + 1; k < e; k++) {
    const id = ids[k] as number;
    const wk = w ? (w[k] as number) : 0;
    let j = k - 1;
    while (j >= s && ((ids[j] as number) > id || (w && ids[j] === id && (w[j] as number) > wk))) {
      ids[j + 1] = ids[j] as number;
      if (w) w[j + 1] = w[j] as number;
      j--;
    }
    ids[j + 1] = id;
    if (w) w[j + 1] = wk;
  }
}

/**
 * One profile set from parts in listing order: the first built with ctx itself, the others remapped onto ctx's ids
 * (new strings are added to ctx in part order, so ids are those a single thread would have given).
 */
export function mergeProfiles(ctx: ProfileContext, first: Profiles, others: readonly ProfilePart[]): Profiles {
  if (others.length === 0) return first;
  const maps = others.map((p) => ({ word: idMap(ctx.word, p.word), char: idMap(ctx.char, p.char), code: idMap(ctx.code, p.code), sym: idMap(ctx.sym, p.sym) }));
  const all = [first, ...others.map((p) => p.profiles)];
  const n = all.reduce((x, p) => x + p.n, 0);
  type RunKind = 'word' | 'char' | 'code' | 'digit' | 'num' | 'mixed' | 'qty';
  const runs = (kind: RunKind, idKey: keyof Profiles, vocab: 'word' | 'char' | 'code' | 'sym', wKey?: keyof Profiles) => {
    const offKey = `${kind}Off` as keyof Profiles;
    const total = all.reduce((x, p) => x + (p[offKey] as Uint32Array)[p.n]!, 0);
    const off = new Uint32Array(n + 1);
    const ids = new Int32Array(total);
    const w = wKey ? (wKey === 'qtyVal' ? new Float64Array(total) : new Float32Array(total)) : undefined;
    let row = 0;
    let at = 0;
    all.forEach((p, part) => {
      const pOff = p[offKey] as Uint32Array;
      const pIds = p[idKey] as Int32Array;
      const len = pOff[p.n] as number;
      ids.set(pIds.subarray(0, len), at);
      if (w && wKey) w.set((p[wKey] as Float32Array | Float64Array).subarray(0, len), at);
      for (let i = 0; i < p.n; i++) off[row + i + 1] = at + (pOff[i + 1] as number);
      if (part > 0) {
        const map = (maps[part - 1] as Record<string, Int32Array>)[vocab] as Int32Array;
        for (let k = at; k < at + len; k++) ids[k] = map[ids[k] as number] as number;
        for (let i = 0; i < p.n; i++) resort(ids, w, off[row + i] as number, off[row + i + 1] as number);
      }
      row += p.n;
      at += len;
    });
    return { off, ids, w };
  };
  const word = runs('word', 'wordId', 'word', 'wordW');
  const char = runs('char', 'charId', 'char', 'charW');
  const code = runs('code', 'codeId', 'code');
  const digit = runs('digit', 'digitId', 'sym');
  const num = runs('num', 'numId', 'sym');
  const mixed = runs('mixed', 'mixedId', 'word');
  const qty = runs('qty', 'qtyFam', 'sym', 'qtyVal');
  const one = (key: 'nTokens' | 'firstToken' | 'brand' | 'category', vocab?: 'word' | 'sym') => {
    const out = new Int32Array(n);
    let row = 0;
    all.forEach((p, part) => {
      const src = p[key];
      const map = part > 0 && vocab ? (maps[part - 1] as Record<string, Int32Array>)[vocab] : undefined;
      for (let i = 0; i < p.n; i++) out[row + i] = map && (src[i] as number) >= 0 ? (map[src[i] as number] as number) : (src[i] as number);
      row += p.n;
    });
    return out;
  };
  const price = new Float64Array(n);
  let row = 0;
  for (const p of all) {
    price.set(p.price, row);
    row += p.n;
  }
  const strings = (key: 'squashed' | 'sku' | 'mpn') => all.flatMap((p) => p[key] as string[]);
  return {
    n, wordOff: word.off, wordId: word.ids, wordW: word.w as Float32Array, charOff: char.off, charId: char.ids, charW: char.w as Float32Array,
    codeOff: code.off, codeId: code.ids, digitOff: digit.off, digitId: digit.ids, numOff: num.off, numId: num.ids, mixedOff: mixed.off, mixedId: mixed.ids,
    qtyOff: qty.off, qtyFam: qty.ids, qtyVal: qty.w as Float64Array, nTokens: one('nTokens'), firstToken: one('firstToken', 'word'), brand: one('brand', 'sym'), category: one('category', 'sym'),
    price, squashed: strings('squashed'), sku: strings('sku'), mpn: strings('mpn'),
  };
}
