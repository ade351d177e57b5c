// Which provider to use, read from the environment; with nothing set the builtin path is used and nothing is downloaded.

import { configError } from '../../util/errors.js';
import type { Backend } from '../../store/backend.js';
import { builtinProvider, type BuiltinOptions } from './builtin.js';
import { onnxProvider } from './onnx.js';
import { openAiProvider } from './openai.js';
import type { ModelProvider } from './provider.js';
import { dbProviderStore, memoryProviderStore } from './store.js';

export type ProviderName = 'builtin' | 'onnx' | 'openai';

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0) throw configError(`${name} is "${raw}", not a non-negative number`, `unset ${name} or give a number`);
  return v;
}

/**
 * OMNIFUSE_AI_PROVIDER = builtin (default) | onnx | openai.
 * openai: OMNIFUSE_AI_BASE_URL, OMNIFUSE_AI_MODEL, OMNIFUSE_AI_EMBED_MODEL, the key in the variable named by
 * OMNIFUSE_AI_KEY_ENV (default OPENAI_API_KEY), OMNIFUSE_AI_BUDGET_USD, OMNIFUSE_AI_PRICE_IN / _OUT (USD per 1M tokens),
 * OMNIFUSE_AI_RPM, OMNIFUSE_AI_TIMEOUT_MS. onnx: OMNIFUSE_AI_ONNX_DIR.
 */
export async function providerFromEnv(env: NodeJS.ProcessEnv, db?: Backend, builtin: BuiltinOptions = {}): Promise<ModelProvider> {
  const name = (env.OMNIFUSE_AI_PROVIDER ?? 'builtin') as ProviderName;
  const factories: Record<ProviderName, () => Promise<ModelProvider>> = {
    builtin: () => Promise.resolve(builtinProvider(builtin)),
    onnx: async () => {
      const dir = env.OMNIFUSE_AI_ONNX_DIR;
      if (!dir) throw configError('OMNIFUSE_AI_PROVIDER=onnx needs OMNIFUSE_AI_ONNX_DIR (a folder with model.onnx and vocab.txt)');
      return onnxProvider({ dir });
    },
    openai: () => {
      const baseUrl = env.OMNIFUSE_AI_BASE_URL;
      const model = env.OMNIFUSE_AI_MODEL;
      if (!baseUrl || !model) throw configError('OMNIFUSE_AI_PROVIDER=openai needs OMNIFUSE_AI_BASE_URL and OMNIFUSE_AI_MODEL', 'e.g. OMNIFUSE_AI_BASE_URL=http://127.0.0.1:11434/v1 OMNIFUSE_AI_MODEL=qwen2.5');
      const embedModel = env.OMNIFUSE_AI_EMBED_MODEL;
      return Promise.resolve(openAiProvider(
        {
          baseUrl,
          model,
          ...(embedModel ? { embedModel } : {}),
          apiKey: env[env.OMNIFUSE_AI_KEY_ENV ?? 'OPENAI_API_KEY'],
          budgetUsd: num(env, 'OMNIFUSE_AI_BUDGET_USD', Infinity),
          pricePerMTokIn: num(env, 'OMNIFUSE_AI_PRICE_IN', 0),
          pricePerMTokOut: num(env, 'OMNIFUSE_AI_PRICE_OUT', 0),
          requestsPerMinute: num(env, 'OMNIFUSE_AI_RPM', 0),
          timeoutMs: num(env, 'OMNIFUSE_AI_TIMEOUT_MS', 30_000),
        },
        db ? dbProviderStore(db) : memoryProviderStore(),
      ));
    },
  };
  const make = factories[name];
  if (!make) throw configError(`OMNIFUSE_AI_PROVIDER is "${name}"`, `use one of ${Object.keys(factories).join(', ')}`);
  return make();
}
