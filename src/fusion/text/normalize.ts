// One canonical text form (NFKC, lower case, unified quotes/dashes) so every similarity sees the same characters.

/** NFKC folds full-width ASCII to half-width; lower-casing and quote/dash unification remove shop-specific typography. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Only letters and digits: "DAV-IS50/B" and "davis50b" become equal. */
export function squash(s: string): string {
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}
