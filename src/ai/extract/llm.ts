// LLM on top of the builtin extraction: titles where the rules found fewer than two attributes are asked (strict schema);
// an answer only fills attributes the rules left empty, and malformed answers are ignored.

import { z } from 'zod';
import type { ModelProvider } from '../providers/provider.js';
import type { TitleAttributes } from './attributes.js';

const answer = z.strictObject({
  brand: z.string().nullable(),
  model_code: z.string().nullable(),
  capacity: z.string().nullable(),
  colour: z.string().nullable(),
  size: z.string().nullable(),
});

export async function refineWithLlm(provider: ModelProvider, titles: readonly string[], found: TitleAttributes[], limit: number): Promise<number> {
  let asked = 0;
  for (let i = 0; i < titles.length && asked < limit; i++) {
    const f = found[i] as TitleAttributes;
    if (Object.keys(f).length >= 2) continue;
    asked++;
    const r = await provider.complete(
      `Extract product attributes from this e-commerce listing title. Use null when the title does not say.\nTitle: ${titles[i] ?? ''}`,
      answer,
      'title_attributes',
    );
    if (!r.value) continue;
    for (const k of ['brand', 'model_code', 'capacity', 'colour', 'size'] as const) {
      const v = r.value[k];
      if (v && f[k] === undefined) f[k] = v.trim().toLowerCase();
    }
  }
  return asked;
}
