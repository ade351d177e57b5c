// The strict answer schema and prompt for "are these two listings the same product?", shared by every chat provider.

import { z } from 'zod';

export const judgeAnswer = z.strictObject({
  match: z.boolean(),
  confidence: z.number().min(0).max(1),
  reason: z.string().max(400),
});
export type JudgeAnswer = z.infer<typeof judgeAnswer>;

export function judgePrompt(left: string, right: string): string {
  return [
    'Two e-commerce listings follow, possibly from different platforms and languages.',
    'Decide whether they are the same product (same brand, model and variant: capacity, colour and size must agree; a bundle or accessory is a different product).',
    'Answer only with JSON: {"match": boolean, "confidence": number between 0 and 1, "reason": short string}.',
    `Listing A: ${left}`,
    `Listing B: ${right}`,
  ].join('\n');
}
