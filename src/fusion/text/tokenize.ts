// Word tokens for every similarity: alphanumeric runs, with CJK text split into character unigrams and bigrams.

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const RUN = /[\p{L}\p{N}]+/gu;

function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/** CJK has no spaces, so a run of CJK characters yields its characters and their bigrams instead of one huge token. */
function cjkTokens(run: string, out: string[]): void {
  const chars = [...run];
  for (let i = 0; i < chars.length; i++) {
    out.push(chars[i] ?? '');
    if (i + 1 < chars.length) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  }
}

/** Tokens of already normalised text (see normalizeText); order kept, duplicates kept. */
export function tokenize(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(RUN)) {
    const run = m[0];
    if (!CJK.test(run)) {
      out.push(run);
      continue;
    }
    let buf = '';
    let cjk = '';
    for (const ch of run) {
      if (isCjk(ch)) {
        if (buf) out.push(buf);
        buf = '';
        cjk += ch;
      } else {
        if (cjk) cjkTokens(cjk, out);
        cjk = '';
        buf += ch;
      }
    }
    if (buf) out.push(buf);
    if (cjk) cjkTokens(cjk, out);
  }
  return out;
}

/** Character n-grams of the text with spaces kept as boundaries ("#" pads the ends). */
export function charNgrams(normalized: string, n = 3): string[] {
  const s = `#${normalized.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}#`;
  const chars = [...s];
  const out: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  return out;
}
