// The builtin provider: the in-process title encoder for embed, the trained matcher (when given) for judge; no free-text model.

import { embedTitles, type EncoderWeights } from '../encoder/model.js';
import { ProviderError, type JudgeDecision, type ModelProvider } from './provider.js';

export interface BuiltinOptions {
  /** Encoder weights (from the registry, see loadEncoder); without them embed is unsupported. */
  readonly encoder?: EncoderWeights;
  /** Match probability of two texts (e.g. a loaded matcher); without it judge is unsupported. */
  readonly score?: (left: string, right: string) => number;
  readonly threshold?: number;
}

export function builtinProvider(o: BuiltinOptions = {}): ModelProvider {
  return {
    name: 'builtin',
    model: 'omnifuse-builtin',
    capabilities: { embed: o.encoder !== undefined, judge: o.score !== undefined, complete: false },
    embed: (texts) => {
      if (!o.encoder) return Promise.reject(new ProviderError('no title encoder trained yet: run `omnifuse models train-encoder`', 'unsupported'));
      const w = o.encoder;
      const flat = embedTitles(w, texts);
      return Promise.resolve(texts.map((_, i) => flat.slice(i * w.dim, (i + 1) * w.dim)));
    },
    judge: (pairs) => {
      const score = o.score;
      if (!score) return Promise.reject(new ProviderError('the builtin provider judges with a trained matcher; none was given', 'unsupported'));
      const t = o.threshold ?? 0.5;
      return Promise.resolve(pairs.map((p): JudgeDecision => {
        const s = score(p.left, p.right);
        return { match: s >= t, confidence: Math.abs(s - t) * 2, reason: `matcher probability ${s.toFixed(3)}`, cached: false };
      }));
    },
    complete: () => Promise.resolve({ error: 'the builtin provider has no free-text model; configure an openai-compatible provider (OMNIFUSE_AI_PROVIDER=openai)', cached: false }),
  };
}
