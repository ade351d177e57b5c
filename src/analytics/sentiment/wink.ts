// Prior-knowledge sentiment from wink-nlp (MIT) with its English lite model (MIT): a lexicon scorer with negation
// handling over wink's own sentence splitter. The model (≈ 4 MB) is loaded on first use only.
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';

export const WINK_FEATURES = ['wink_doc', 'wink_title', 'wink_min', 'wink_mean', 'wink_share_neg'] as const;

// required on first use, not imported: every CLI command loads this module, few score reviews (≈ 70 ms saved)
let nlp: ReturnType<typeof winkNLP> | undefined;
function load(): ReturnType<typeof winkNLP> {
  const require = createRequire(import.meta.url);
  return (require('wink-nlp') as typeof winkNLP)(require('wink-eng-lite-web-model') as typeof model);
}

const unit = (c: number) => Math.max(0, Math.min(1, (c + 1) / 2));

/** wink-nlp sentiment of a review, each in [0, 1] (0.5 neutral). */
export function winkFeatures(title: string, body: string): number[] {
  nlp ??= load();
  // wink recognises its helpers by identity (a bound copy is refused), and they do not use `this`
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const sentiment = nlp.its.sentiment;
  const doc = nlp.readDoc(`${title}${title ? '. ' : ''}${body}`);
  const s = doc.sentences().out(sentiment) as unknown as number[];
  if (!s.length) s.push(0);
  return [
    unit(doc.out(sentiment) as unknown as number),
    title ? unit(nlp.readDoc(title).out(sentiment) as unknown as number) : 0.5,
    unit(Math.min(...s)),
    unit(s.reduce((a, v) => a + v, 0) / s.length),
    s.filter((v) => v < 0).length / s.length,
  ];
}
