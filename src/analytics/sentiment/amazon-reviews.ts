// The Amazon review files (McAuley lab, 5-core JSON lines, gzip): labelled review texts for sentiment.
// Ratings ≤ 2 are negative, ≥ 4 positive, 3 is left out. The 5-core files repeat one review under every
// variant's ASIN, so reviews are de-duplicated by text before any split (else test rows leak into training).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { inputError } from '../../util/errors.js';
import { isRatingTitle } from './tokens.js';

export interface LabelledText {
  text: string;
  /** 1 = positive */
  y: number;
}

export function readAmazonReviews(files: readonly string[]): { rows: LabelledText[]; read: number; duplicates: number; neutral: number } {
  const seen = new Set<string>();
  const rows: LabelledText[] = [];
  let read = 0;
  let duplicates = 0;
  let neutral = 0;
  // files in name order: the split must not depend on the order they were given in
  for (const file of [...files].sort()) {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    lines.forEach((line, n) => {
      if (!line.trim()) return;
      read++;
      let r: { overall?: number; reviewText?: string; summary?: string };
      try {
        r = JSON.parse(line) as typeof r;
      } catch (e) {
        throw inputError(`line ${n + 1} of ${file} is not JSON`, 'expected the McAuley-lab JSON-lines review format', e);
      }
      const body = (r.reviewText ?? '').trim();
      const title = (r.summary ?? '').trim();
      const text = `${isRatingTitle(title) ? '' : title}\n${body}`.trim();
      if (!text || r.overall === undefined) return;
      if (r.overall === 3) {
        neutral++;
        return;
      }
      const key = text.toLowerCase();
      if (seen.has(key)) {
        duplicates++;
        return;
      }
      seen.add(key);
      rows.push({ text, y: r.overall >= 4 ? 1 : 0 });
    });
  }
  return { rows, read, duplicates, neutral };
}
