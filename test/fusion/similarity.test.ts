// Unit tests for string, set and TF-IDF similarities against hand-computed values.
import { describe, expect, it } from 'vitest';
import { containment, idfOverlap, jaccard, mongeElkan } from '../../src/fusion/text/set-sim.js';
import { jaro, jaroWinkler, levenshtein, levenshteinRatio, longestCommonSubstring } from '../../src/fusion/text/string-sim.js';
import { cosine, fitIdf, idfOf, tfidfVector } from '../../src/fusion/text/tfidf.js';

describe('string similarities', () => {
  it('Jaro and Jaro-Winkler match the textbook MARTHA/MARHTA example', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
  });
  it('Levenshtein distance and ratio', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshteinRatio('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 10);
    expect(levenshteinRatio('', '')).toBe(1);
  });
  it('longest common substring', () => {
    expect(longestCommonSubstring('d7000body', 'nikond7000')).toBe(5);
  });
});

describe('set similarities', () => {
  const a = new Set(['sony', 'tv', '40']);
  const b = new Set(['sony', 'tv', 'black', 'led']);
  it('Jaccard and containment', () => {
    expect(jaccard(a, b)).toBeCloseTo(2 / 5, 10);
    expect(containment(a, b)).toBeCloseTo(2 / 3, 10);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
  it('Monge-Elkan takes the best token match', () => {
    expect(mongeElkan(['sony'], ['sony', 'tv'])).toBe(1);
    expect(mongeElkan(['sonny'], ['sony'])).toBeCloseTo(jaroWinkler('sonny', 'sony'), 10);
  });
  it('IDF overlap weights rare tokens', () => {
    const o = idfOverlap(a, b, (t) => (t === 'sony' ? 3 : 1));
    expect(o.maxShared).toBe(3);
    expect(o.weightedJaccard).toBeCloseTo(4 / 7, 10);
    expect(o.sumOnlyA).toBe(1);
    expect(o.sumOnlyB).toBe(2);
  });
});

describe('TF-IDF', () => {
  const table = fitIdf([['sony', 'tv'], ['lg', 'tv'], ['sony', 'camera']]);
  const idf = (t: string): number => idfOf(table, t);
  it('gives common tokens less weight', () => {
    expect(idf('tv')).toBeLessThan(idf('lg'));
    expect(idf('unseen')).toBeGreaterThan(idf('lg'));
  });
  it('cosine is 1 for the same text and 0 for disjoint texts', () => {
    expect(cosine(tfidfVector(['sony', 'tv'], idf), tfidfVector(['tv', 'sony'], idf))).toBeCloseTo(1, 10);
    expect(cosine(tfidfVector(['sony'], idf), tfidfVector(['lg'], idf))).toBe(0);
  });
});
