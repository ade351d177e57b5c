// OpenAI-compatible HTTP provider (OpenAI, Ollama, vLLM, llama.cpp server): batching, retries with backoff on 429/5xx and
// timeouts, a request rate limit, a persistent cache keyed by model + input, a token/cost ledger and a budget that stops spending.

import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { judgeAnswer, judgePrompt } from './judge-prompt.js';
import { ProviderError, undecided, type Completion, type JudgeDecision, type JudgePair, type ModelProvider } from './provider.js';
import { cacheKey, memoryProviderStore, type ProviderStore } from './store.js';

export interface OpenAiConfig {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 */
  readonly baseUrl: string;
  /** Chat model for judge/complete. */
  readonly model: string;
  /** Embedding model; unset = embed unsupported. */
  readonly embedModel?: string;
  /** The API key itself (read from the environment by the caller; never stored). */
  readonly apiKey?: string;
  readonly batchSize: number;
  readonly maxRetries: number;
  /** First backoff in ms; doubles per retry (a Retry-After header wins when present). */
  readonly backoffMs: number;
  readonly timeoutMs: number;
  /** At most this many requests per minute (0 = unlimited). */
  readonly requestsPerMinute: number;
  /** USD per million prompt / completion tokens, for the ledger and the budget. */
  readonly pricePerMTokIn: number;
  readonly pricePerMTokOut: number;
  /** Stop spending once the ledger for this provider+model reaches this many USD (Infinity = no cap). */
  readonly budgetUsd: number;
  /** Same cap counted in tokens. */
  readonly budgetTokens: number;
}

export const DEFAULT_OPENAI: Omit<OpenAiConfig, 'baseUrl' | 'model'> = {
  batchSize: 64, maxRetries: 3, backoffMs: 500, timeoutMs: 30_000, requestsPerMinute: 0,
  pricePerMTokIn: 0, pricePerMTokOut: 0, budgetUsd: Infinity, budgetTokens: Infinity,
};

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);

export function openAiProvider(config: Partial<OpenAiConfig> & Pick<OpenAiConfig, 'baseUrl' | 'model'>, store: ProviderStore = memoryProviderStore()): ModelProvider {
  const c: OpenAiConfig = { ...DEFAULT_OPENAI, ...config };
  const base = c.baseUrl.replace(/\/+$/u, '');
  let nextSlot = 0;

  async function checkBudget(model: string, estimateTokens: number): Promise<void> {
    const s = await store.spent('openai', model);
    const estCost = (estimateTokens * c.pricePerMTokIn) / 1e6;
    if (s.costUsd + estCost > c.budgetUsd || s.tokens + estimateTokens > c.budgetTokens) {
      throw new ProviderError(
        `budget exhausted for ${model}: spent $${s.costUsd.toFixed(4)} / ${s.tokens} tokens of $${c.budgetUsd} / ${c.budgetTokens} tokens (raise OMNIFUSE_AI_BUDGET_USD to spend more)`,
        'budget',
      );
    }
  }

  async function post(path: string, body: Record<string, unknown>, model: string, kind: string, estimateTokens: number): Promise<Record<string, unknown>> {
    await checkBudget(model, estimateTokens);
    for (let attempt = 0; ; attempt++) {
      if (c.requestsPerMinute > 0) {
        const gap = 60_000 / c.requestsPerMinute;
        const wait = nextSlot - Date.now();
        nextSlot = Math.max(nextSlot, Date.now()) + gap;
        if (wait > 0) await sleep(wait);
      }
      let retryAfterMs = c.backoffMs * 2 ** attempt;
      let failure: ProviderError;
      try {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(c.apiKey ? { authorization: `Bearer ${c.apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(c.timeoutMs),
        });
        const text = await res.text();
        if (res.ok) {
          let json: Record<string, unknown>;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch (e) {
            throw new ProviderError(`${path} answered ${res.status} with non-JSON body: ${text.slice(0, 120)}`, 'malformed', { cause: e });
          }
          const u = (json.usage ?? {}) as Usage;
          const pt = Number(u.prompt_tokens ?? 0);
          const ct = Number(u.completion_tokens ?? 0);
          await store.record({ provider: 'openai', model, kind, requests: 1, promptTokens: pt, completionTokens: ct, costUsd: (pt * c.pricePerMTokIn + ct * c.pricePerMTokOut) / 1e6 });
          return json;
        }
        failure = new ProviderError(`${path} answered HTTP ${res.status}: ${text.slice(0, 200)}`, 'http');
        if (!RETRYABLE.has(res.status)) throw failure;
        const ra = Number(res.headers.get('retry-after'));
        if (Number.isFinite(ra) && ra > 0) retryAfterMs = ra * 1000;
      } catch (e) {
        if (e instanceof ProviderError) {
          if (e.reason !== 'http' || !RETRYABLE.has(Number(/HTTP (\d+)/u.exec(e.message)?.[1]))) throw e;
          failure = e;
        } else {
          const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
          failure = new ProviderError(timeout ? `${path} timed out after ${c.timeoutMs} ms` : `${path} failed: ${e instanceof Error ? e.message : String(e)}`, timeout ? 'timeout' : 'unavailable', { cause: e });
        }
      }
      if (attempt >= c.maxRetries) throw failure;
      await sleep(retryAfterMs);
    }
  }

  async function chatJson<T>(prompt: string, schema: z.ZodType<T>, schemaName: string, kind: string): Promise<Completion<T>> {
    const key = cacheKey('openai', c.model, kind, [schemaName, prompt]);
    const hit = await store.get(key);
    if (hit !== undefined) return { value: JSON.parse(hit) as T, cached: true };
    const body = {
      model: c.model,
      temperature: 0,
      messages: [
        { role: 'system', content: 'You answer with one JSON object that satisfies the given schema, and nothing else.' },
        { role: 'user', content: prompt },
      ],
      response_format: { type: 'json_schema', json_schema: { name: schemaName, strict: true, schema: z.toJSONSchema(schema) } },
    };
    let json: Record<string, unknown>;
    try {
      json = await post('/chat/completions', body, c.model, kind, Math.ceil(prompt.length / 3));
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), cached: false };
    }
    const content = ((json.choices as { message?: { content?: unknown } }[] | undefined)?.[0]?.message?.content);
    if (typeof content !== 'string') return { error: 'malformed answer: no choices[0].message.content', cached: false };
    let parsed: unknown;
    try {
      parsed = JSON.parse(content.trim().replace(/^```(?:json)?\s*|\s*```$/gu, ''));
    } catch {
      return { error: `malformed answer: not JSON: ${content.slice(0, 120)}`, cached: false };
    }
    const r = schema.safeParse(parsed);
    if (!r.success) return { error: `malformed answer: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`, cached: false };
    await store.put(key, 'openai', c.model, kind, JSON.stringify(r.data));
    return { value: r.data, cached: false };
  }

  return {
    name: 'openai',
    model: c.model,
    capabilities: { embed: c.embedModel !== undefined, judge: true, complete: true },
    async embed(texts) {
      const model = c.embedModel;
      if (model === undefined) throw new ProviderError('no embedding model configured (set OMNIFUSE_AI_EMBED_MODEL)', 'unsupported');
      const out: (Float32Array | undefined)[] = texts.map(() => undefined);
      const missing: number[] = [];
      const keys = texts.map((t) => cacheKey('openai', model, 'embed', t));
      for (let i = 0; i < texts.length; i++) {
        const hit = await store.get(keys[i] as string);
        if (hit === undefined) missing.push(i);
        else out[i] = Float32Array.from(JSON.parse(hit) as number[]);
      }
      for (let s = 0; s < missing.length; s += c.batchSize) {
        const idx = missing.slice(s, s + c.batchSize);
        const input = idx.map((i) => texts[i] as string);
        const json = await post('/embeddings', { model, input }, model, 'embed', Math.ceil(input.join(' ').length / 3));
        const data = json.data as { index?: number; embedding?: unknown }[] | undefined;
        if (!Array.isArray(data) || data.length !== idx.length) throw new ProviderError(`/embeddings returned ${Array.isArray(data) ? data.length : 'no'} vectors for ${idx.length} inputs`, 'malformed');
        for (const [pos, d] of data.entries()) {
          const at = typeof d.index === 'number' ? d.index : pos;
          if (!Array.isArray(d.embedding) || !d.embedding.every((v) => typeof v === 'number')) throw new ProviderError('/embeddings returned a non-numeric embedding', 'malformed');
          const i = idx[at] as number;
          out[i] = Float32Array.from(d.embedding);
          await store.put(keys[i] as string, 'openai', model, 'embed', JSON.stringify(d.embedding));
        }
      }
      return out as Float32Array[];
    },
    async judge(pairs: readonly JudgePair[]): Promise<JudgeDecision[]> {
      const out: JudgeDecision[] = [];
      for (const p of pairs) {
        const r = await chatJson(judgePrompt(p.left, p.right), judgeAnswer, 'match_decision', 'judge');
        out.push(r.value ? { match: r.value.match, confidence: r.value.confidence, reason: r.value.reason, cached: r.cached } : undecided(r.error ?? 'no answer'));
      }
      return out;
    },
    complete: (prompt, schema, schemaName) => chatJson(prompt, schema, schemaName, 'complete'),
  };
}
