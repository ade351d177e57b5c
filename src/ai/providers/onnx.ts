// Local ONNX sentence encoder: a model folder with model.onnx and vocab.txt, run by onnxruntime-node. onnxruntime-node is an
// optional dependency, loaded only here and only when this provider is used; the core never requires it.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeText } from '../../fusion/text/normalize.js';
import { tokenize } from '../../fusion/text/tokenize.js';
import { ProviderError, type ModelProvider } from './provider.js';

export interface OnnxConfig {
  /** Folder holding model.onnx and vocab.txt (one token per line; [PAD]=0, [UNK], [CLS], [SEP] if present). */
  readonly dir: string;
  readonly maxTokens: number;
}

interface OrtTensor {
  readonly data: ArrayLike<number | bigint>;
  readonly dims: readonly number[];
}
interface OrtModule {
  InferenceSession: { create(path: string): Promise<{ inputNames: readonly string[]; outputNames: readonly string[]; run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>> }> };
  Tensor: new (type: string, data: BigInt64Array | Float32Array, dims: number[]) => unknown;
}

/** Loads onnxruntime-node if it is installed and its native library loads; undefined with the reason otherwise. */
export async function loadOnnxRuntime(): Promise<{ ort?: OrtModule; reason?: string }> {
  try {
    const name = 'onnxruntime-node';
    const ort = (await import(name)) as OrtModule & { default?: OrtModule };
    return { ort: ort.InferenceSession ? ort : ort.default };
  } catch (e) {
    return { reason: `onnxruntime-node is not usable here (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); install it with ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node` };
  }
}

/** Word-level vocabulary lookup (whole tokens, then ##-continuations are not split further: a deliberately small tokenizer). */
export function vocabIds(text: string, vocab: Map<string, number>, maxTokens: number): number[] {
  const unk = vocab.get('[UNK]') ?? 1;
  const ids = tokenize(normalizeText(text)).map((t) => vocab.get(t) ?? unk);
  const cls = vocab.get('[CLS]');
  const sep = vocab.get('[SEP]');
  const body = ids.slice(0, maxTokens - (cls === undefined ? 0 : 1) - (sep === undefined ? 0 : 1));
  return [...(cls === undefined ? [] : [cls]), ...body, ...(sep === undefined ? [] : [sep])];
}

export async function onnxProvider(config: Partial<OnnxConfig> & Pick<OnnxConfig, 'dir'>): Promise<ModelProvider> {
  const c: OnnxConfig = { maxTokens: 64, ...config };
  const { ort, reason } = await loadOnnxRuntime();
  if (!ort) throw new ProviderError(reason ?? 'onnxruntime-node unavailable', 'unavailable');
  const vocab = new Map((await readFile(join(c.dir, 'vocab.txt'), 'utf8')).split('\n').map((t, i) => [t.trim(), i] as const).filter(([t]) => t.length > 0));
  const session = await ort.InferenceSession.create(join(c.dir, 'model.onnx'));
  return {
    name: 'onnx',
    model: c.dir,
    capabilities: { embed: true, judge: false, complete: false },
    async embed(texts) {
      const out: Float32Array[] = [];
      for (const t of texts) {
        const ids = vocabIds(t, vocab, c.maxTokens);
        const feeds: Record<string, unknown> = {};
        for (const name of session.inputNames) {
          const data = name.includes('mask') ? BigInt64Array.from(ids, () => 1n) : name.includes('type') ? new BigInt64Array(ids.length) : BigInt64Array.from(ids, (v) => BigInt(v));
          feeds[name] = new ort.Tensor('int64', data, [1, ids.length]);
        }
        const res = await session.run(feeds);
        const first = res[session.outputNames[0] as string] as OrtTensor;
        const dims = first.dims;
        const dim = dims[dims.length - 1] as number;
        // [1, tokens, dim] is mean-pooled; [1, dim] is taken as is.
        const rows = dims.length === 3 ? (dims[1] as number) : 1;
        const v = new Float32Array(dim);
        for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) v[j] = (v[j] as number) + Number(first.data[r * dim + j]) / rows;
        const n = Math.hypot(...v) || 1;
        out.push(v.map((x) => x / n));
      }
      return out;
    },
    judge: () => Promise.reject(new ProviderError('the onnx provider only embeds; configure an openai-compatible provider to judge', 'unsupported')),
    complete: () => Promise.resolve({ error: 'the onnx provider has no free-text model', cached: false }),
  };
}
