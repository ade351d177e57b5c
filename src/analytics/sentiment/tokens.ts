// Review text → terms: NFKC, lower case, words (with negation carried to the next word), word bigrams, and
// character bigrams for CJK runs (Chinese has no spaces). One function so training and scoring agree.
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const NEGATORS = new Set(['not', 'no', 'never', "don't", "doesn't", "didn't", "isn't", "wasn't", "won't", "can't", 'cannot', 'nothing', 'without', '不', '没', '没有', '别']);

export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(/[\p{L}\p{N}']+/gu)) {
    const w = m[0].replace(/^'+|'+$/g, '');
    if (!w) continue;
    if (CJK.test(w)) {
      const chars = [...w];
      for (let i = 0; i < chars.length; i++) {
        if (!CJK.test(chars[i]!)) continue;
        out.push(chars[i]!);
        if (i + 1 < chars.length) out.push(chars[i]! + chars[i + 1]!);
      }
    } else out.push(w);
  }
  return out;
}

/** Unigrams (negation-marked for the word after a negator), plus bigrams. */
export function terms(text: string): string[] {
  const ws = words(text);
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    out.push(i > 0 && NEGATORS.has(ws[i - 1]!) ? `not_${w}` : w);
    if (i + 1 < ws.length && !CJK.test(w)) out.push(`${w} ${ws[i + 1]!}`);
  }
  return out;
}

/** Amazon fills an empty review title with the star rating ("Five Stars"): that is the label, not the text. */
export function isRatingTitle(title: string): boolean {
  return /^\s*(one|two|three|four|five|1|2|3|4|5)\s+stars?\s*$/i.test(title);
}

/** Character 3-5-grams of each word with boundary marks ("<bro", "roke>"): spelling variants and word stems share them. */
export function charGrams(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (CJK.test(w)) continue;
    const m = `<${w}>`;
    for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= m.length; i++) out.push(`#${m.slice(i, i + n)}`);
  }
  return out;
}
