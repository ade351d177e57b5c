// Names as comparable tokens, pinyin-aware: 张伟, Zhang Wei, Wei Zhang and ZHANG WEI all give {wei, zhang}.
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Lower-case ASCII tokens of a name, sorted (order-free: Western and Chinese name order compare alike).
 *  Han names become pinyin (compound surnames kept whole: 欧阳, 司马), with the given name as one token. */
export function nameTokens(name: string | null | undefined): string[] {
  if (name === null || name === undefined) return [];
  const s = name.normalize('NFKC').trim();
  if (s === '') return [];
  if (HAN.test(s)) {
    const han = [...s].filter((c) => HAN.test(c)).join('');
    const syl = pinyin(han, { toneType: 'none', type: 'array', surname: 'head' }).map((x) => x.toLowerCase().replace(/[^a-z]/g, ''));
    if (syl.length === 0) return [];
    const surnameLen = syl.length >= 4 ? 2 : 1;
    return sortUnique([syl.slice(0, surnameLen).join(''), syl.slice(surnameLen).join('')].filter((t) => t !== ''));
  }
  const folded = s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return sortUnique(folded.split(/[^a-z0-9]+/).filter((t) => t.length > 0));
}

/** One string key for a name (tokens sorted and joined): equal for every spelling nameTokens() folds together. */
export const nameKey = (name: string | null | undefined): string | null => {
  const t = nameTokens(name);
  return t.length === 0 ? null : t.join(' ');
};

function sortUnique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

/** The tokens ingest hashes (SQL of_name_token_list): Latin names as accent-free lower-case words, Han names as
 *  surname + given name in Han characters (SQL has no pinyin; the surname, which masked names keep, is compared
 *  across scripts at fusion time). A masked input (王**, J*** S***) gives none. */
export function storedNameTokens(name: string | null | undefined): string[] {
  if (name === null || name === undefined || name.includes('*')) return [];
  const s = name.normalize('NFKC').trim();
  if (s === '') return [];
  if (HAN.test(s)) {
    const han = [...s].filter((c) => HAN.test(c));
    const cut = han.length >= 4 ? 2 : 1;
    return [han.slice(0, cut).join(''), han.slice(cut).join('')].filter((t) => t !== '');
  }
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter((t) => t.length > 0);
}

/** Character n-grams of a token with padding (_zhang_ → _z zh ha an ng g_), the unit CLK and q-gram comparisons use. */
export function qgrams(token: string, q = 2): string[] {
  const t = `_${token}_`;
  const out: string[] = [];
  for (let i = 0; i + q <= t.length; i++) out.push(t.slice(i, i + q));
  return out;
}
