// The onnx provider on a small ONNX graph built by the test (Gather from an embedding table); skipped, with the reason,
// where onnxruntime-node cannot load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOnnxRuntime, onnxProvider } from '../../src/ai/providers/onnx.js';

const runtime = await loadOnnxRuntime();
if (!runtime.ort) console.warn(`onnx provider test skipped: ${runtime.reason}`);

const VOCAB = ['[PAD]', '[UNK]', 'sandisk', 'ultra', '16gb', 'micro', 'sd', 'kingston', 'usb'];
/** Each token's row: the brand words share a direction, so embeddings are predictable. */
const TABLE = VOCAB.map((t, i) => (t === 'sandisk' || t === 'ultra' ? [1, 0, 0, 0] : t === 'kingston' || t === 'usb' ? [0, 1, 0, 0] : [0, 0, i / 10, 0.1]));

async function buildModel(dir: string): Promise<void> {
  const { onnx } = await import('onnx-proto');
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-encoder',
      node: [{ opType: 'Gather', input: ['table', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', i: 0, type: onnx.AttributeProto.AttributeType.INT }] }],
      initializer: [{ name: 'table', dataType: onnx.TensorProto.DataType.FLOAT, dims: [VOCAB.length, 4], floatData: TABLE.flat() }],
      input: [{ name: 'input_ids', type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimValue: 1 }, { dimParam: 'n' }] } } } }],
      output: [{ name: 'last_hidden_state', type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 1 }, { dimParam: 'n' }, { dimValue: 4 }] } } } }],
    },
  });
  writeFileSync(join(dir, 'model.onnx'), onnx.ModelProto.encode(model).finish());
  writeFileSync(join(dir, 'vocab.txt'), VOCAB.join('\n'));
}

describe.skipIf(!runtime.ort)('onnx provider', () => {
  it('embeds titles with a local model.onnx + vocab.txt (mean-pooled, unit length)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifuse-onnx-'));
    try {
      await buildModel(dir);
      const p = await onnxProvider({ dir });
      const [a, b, c] = await p.embed(['SanDisk Ultra', 'sandisk ultra!', 'Kingston USB']);
      expect(Array.from(a as Float32Array)).toEqual([1, 0, 0, 0]);
      expect(Array.from(b as Float32Array)).toEqual(Array.from(a as Float32Array));
      expect(Array.from(c as Float32Array)).toEqual([0, 1, 0, 0]);
      const [d] = await p.embed(['sandisk 16gb']);
      const dd = Array.from(d as Float32Array);
      expect(dd[0]).toBeGreaterThan(0.8);
      expect(dd[2]).toBeGreaterThan(0.1);
      expect(Math.hypot(...dd)).toBeCloseTo(1, 5);
      await expect(p.judge([{ left: 'a', right: 'b' }])).rejects.toThrow(/only embeds/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
