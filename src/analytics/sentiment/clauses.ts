// Review text → sentiment terms with scope: a negator ("not", "never", "don't", 不) marks every word up to the end of
// its clause ("not_worth", "not_money"), not just the next one, and words after a contrast word ("but", "however")
// are emitted twice, since the clause after "but" usually carries the verdict ("pretty, but it broke").
import { words } from './tokens.js';

const NEGATORS = new Set(['not', 'no', 'never', "don't", "doesn't", "didn't", "isn't", "wasn't", "won't", "can't", "couldn't", "wouldn't", "aren't", "weren't", "haven't", "hasn't", 'cannot', 'nothing', 'without', 'neither', 'nor', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'wont', 'cant', '不', '没', '没有', '别']);
const CONTRAST = new Set(['but', 'however', 'although', 'though', 'yet', 'unfortunately', 'except']);

export interface ClauseOptions {
  /** 'next': only the word after a negator is marked; 'clause': every word to the end of the clause */
  negation: 'next' | 'clause';
  /** repeat the words after a contrast word (to the end of the sentence) */
  contrast: boolean;
}

/** Sentences split at . ! ? and line breaks; clauses inside them at , ; : and contrast words. */
function sentences(text: string): string[] {
  return text.normalize('NFKC').split(/[.!?\n\u3002\uff01\uff1f]+/u).filter((s) => s.trim());
}

/** Unigrams (negation-marked) and bigrams of one text, with the clause rules above. */
export function scopedTerms(text: string, o: ClauseOptions): string[] {
  const out: string[] = [];
  for (const sentence of sentences(text)) {
    let afterContrast = false;
    for (const clause of sentence.split(/[,;:\u3001\uff0c\uff1b]+/u)) {
      const ws = words(clause);
      let negated = false;
      for (let i = 0; i < ws.length; i++) {
        const w = ws[i]!;
        if (CONTRAST.has(w)) {
          afterContrast = true;
          negated = false;
        }
        const marked = (o.negation === 'clause' ? negated : i > 0 && NEGATORS.has(ws[i - 1]!)) ? `not_${w}` : w;
        const emit = afterContrast && o.contrast ? 2 : 1;
        for (let k = 0; k < emit; k++) {
          out.push(marked);
          if (i + 1 < ws.length && !/[\u3400-\u9fff]/u.test(w)) out.push(`${w} ${ws[i + 1]!}`);
        }
        if (NEGATORS.has(w)) negated = true;
      }
    }
  }
  return out;
}
