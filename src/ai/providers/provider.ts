// The one interface every model provider implements (builtin encoder, local ONNX model, OpenAI-compatible HTTP).

import type { z } from 'zod';

export interface JudgePair {
  /** The two records as text (title plus any attributes worth showing). */
  readonly left: string;
  readonly right: string;
}

/** match is null when the provider could not decide (malformed answer, budget spent, endpoint down). */
export interface JudgeDecision {
  readonly match: boolean | null;
  readonly confidence: number | null;
  readonly reason: string;
  readonly cached: boolean;
}

export interface Completion<T> {
  /** Present only when the answer parsed and satisfied the schema. */
  readonly value?: T;
  readonly error?: string;
  readonly cached: boolean;
}

export interface ProviderCapabilities {
  readonly embed: boolean;
  readonly judge: boolean;
  readonly complete: boolean;
}

export interface ModelProvider {
  readonly name: string;
  /** The model id, part of every cache key. */
  readonly model: string;
  readonly capabilities: ProviderCapabilities;
  /** Unit-length (or at least comparable-by-cosine) vectors, one per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  judge(pairs: readonly JudgePair[]): Promise<JudgeDecision[]>;
  /** Structured completion: the answer must be JSON satisfying schema, else error is set and value is absent. */
  complete<T>(prompt: string, schema: z.ZodType<T>, schemaName: string): Promise<Completion<T>>;
}

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly reason: 'budget' | 'http' | 'timeout' | 'malformed' | 'unsupported' | 'unavailable',
    opts: { cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ProviderError';
  }
}

export function undecided(reason: string): JudgeDecision {
  return { match: null, confidence: null, reason, cached: false };
}
