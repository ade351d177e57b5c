// Tolerant header matching: trim, case, full/half-width folding (NFKC), collapsed blanks and punctuation.

export function foldHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/^["']|["']$/g, '')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

/** Find the actual header name matching a wanted column (exact first, then folded). */
export function resolveColumn(header: readonly string[], wanted: string): string | undefined {
  if (header.includes(wanted)) return wanted;
  const f = foldHeader(wanted);
  return header.find((h) => foldHeader(h) === f);
}

/**
 * Confidence that a header belongs to a format: every required name present gives 0.6, the rest is the
 * share of optional names present. A missing required name scales the score down sharply.
 */
export function signatureScore(header: readonly string[], required: readonly string[], optional: readonly string[] = []): number {
  const folded = new Set(header.map(foldHeader));
  const req = required.filter((r) => folded.has(foldHeader(r))).length / Math.max(1, required.length);
  const opt = optional.length === 0 ? 1 : optional.filter((o) => folded.has(foldHeader(o))).length / optional.length;
  return req === 1 ? 0.6 + 0.4 * opt : 0.5 * req ** 3 * (0.5 + 0.5 * opt);
}
