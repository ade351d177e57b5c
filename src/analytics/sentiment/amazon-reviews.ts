// The Amazon review files (McAuley lab, 5-core JSON lines, gzip): labelled review texts for sentiment.
// Ratings ≤ 2 are negative, ≥ 4 positive; 3-star reviews are returned apart (never scored, at most extra training
// text). The 5-core files repeat one review under every variant's ASIN, so reviews are de-duplicated by text across
// all ratings before any split (else test rows leak into training).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { inputError } from '../../util/errors.js';
import { isRatingTitle } from './tokens.js';

export interface LabelledText {
  /** title and body on two lines (automatic "Five Stars" titles dropped) */
  text: string;
  title: string;
  body: string;
  /** 1 = positive */
  y: number;
}

export interface AmazonReviews {
  rows: LabelledText[];
  /** distinct 3-star reviews (y = 0.5), not in rows */
  neutralRows: LabelledText[];
  read: number;
  duplicates: number;
  neutral: number;
}

export function readAmazonReviews(files: readonly string[]): AmazonReviews {
  const seen = new Set<string>();
  const seenNeutral = new Set<string>();
  const rows: LabelledText[] = [];
  const neutralRows: LabelledText[] = [];
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
      const summary = (r.summary ?? '').trim();
      const title = isRatingTitle(summary) ? '' : summary;
      const text = `${title}\n${body}`.trim();
      if (!text || r.overall === undefined) return;
      const key = text.toLowerCase();
      if (r.overall === 3) {
        neutral++;
        if (!seenNeutral.has(key)) neutralRows.push({ text, title, body, y: 0.5 });
        seenNeutral.add(key);
        return;
      }
      if (seen.has(key)) {
        duplicates++;
        return;
      }
      seen.add(key);
      rows.push({ text, title, body, y: r.overall >= 4 ? 1 : 0 });
    });
  }
  // a 3-star text that is also a labelled review ("Nice" under Three Stars and Four Stars) could reach training as
  // neutral while being scored in test: dropped
  return { rows, neutralRows: neutralRows.filter((r) => !seen.has(r.text.toLowerCase())), read, duplicates, neutral };
}
