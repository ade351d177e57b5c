// Data augmentation of the weak labels (as Ditto does for its training pairs): listings with barcodes are the clean
// ones, so copies of their pairs with typos, dropped words, shuffled words and missing attributes teach the model
// that such noise — common on marketplaces without barcodes — says nothing about identity. Both classes get it.
import { shuffleInPlace, type Rng } from '../../ai/builtin/rng.js';
import type { PairRecord } from '../pairs/types.js';

const isCodeLike = (w: string) => /\d/.test(w);

function typo(words: string[], rng: Rng, shared: ReadonlySet<string>): void {
  const cands = words.map((w, i) => ({ w, i })).filter(({ w }) => /^\p{L}{5,}$/u.test(w) && shared.has(w.toLowerCase()));
  if (cands.length === 0) return;
  const { w, i } = cands[Math.floor(rng.next() * cands.length)] as { w: string; i: number };
  const at = 1 + Math.floor(rng.next() * (w.length - 2));
  words[i] = w.slice(0, at - 1) + w[at] + w[at - 1] + w.slice(at + 1);
}

function dropWords(words: string[], rng: Rng, shared: ReadonlySet<string>): string[] {
  // Only words the other record also has are dropped or misspelt: the words that tell a pair apart (a colour, a
  // size) stay, so a negative stays a negative. Words with digits carry model codes and sizes: never dropped.
  return words.filter((w) => isCodeLike(w) || !shared.has(w.toLowerCase()) || rng.next() > 0.3);
}

/** A noisy copy of r (compared against other): its title edited, and each other attribute dropped with some probability. */
export function augmentRecord(r: PairRecord, other: PairRecord, rng: Rng, textAttr = 'title'): PairRecord {
  const shared = new Set((other.attrs[textAttr] ?? '').toLowerCase().split(/\s+/u).filter(Boolean));
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.attrs)) {
    if (k === textAttr) {
      let words = v.split(/\s+/u).filter(Boolean);
      if (rng.next() < 0.5) typo(words, rng, shared);
      if (rng.next() < 0.6) words = dropWords(words, rng, shared);
      if (rng.next() < 0.4) shuffleInPlace(words, rng);
      attrs[k] = words.join(' ');
    } else attrs[k] = rng.next() < 0.5 ? '' : v;
  }
  return { attrs };
}
