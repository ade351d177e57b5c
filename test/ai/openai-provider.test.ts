// The OpenAI-compatible provider against a real HTTP server on 127.0.0.1 that speaks chat-completions and embeddings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractTitleAttributes } from '../../src/ai/extract/attributes.js';
import { refineWithLlm } from '../../src/ai/extract/llm.js';
import { refineSuggestion } from '../../src/ai/map-suggest/llm.js';
import { suggestMapping } from '../../src/ai/map-suggest/suggest.js';
import { judgeUncertain } from '../../src/ai/providers/judge-band.js';
import { openAiProvider, type OpenAiConfig } from '../../src/ai/providers/openai.js';
import { providerFromEnv } from '../../src/ai/providers/config.js';
import { dbProviderStore } from '../../src/ai/providers/store.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

type Mode = 'ok' | '429' | '500' | 'slow' | 'prose' | 'bad-schema';

interface Fake {
  url: string;
  server: Server;
  /** Behaviour of the next requests, consumed in order; 'ok' when empty. */
  script: Mode[];
  requests: { path: string; body: Record<string, unknown> }[];
  usage: { prompt_tokens: number; completion_tokens: number };
}

function vectorFor(text: string): number[] {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 1000;
  return [h / 1000, 1 - h / 1000, 0.5];
}

function handle(fake: Fake, req: IncomingMessage, res: ServerResponse): void {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
  req.on('end', () => {
    const body = JSON.parse(raw) as Record<string, unknown>;
    fake.requests.push({ path: req.url ?? '', body });
    const mode = fake.script.shift() ?? 'ok';
    const send = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (mode === '429') return send(429, { error: { message: 'rate limited' } });
    if (mode === '500') return send(500, { error: { message: 'boom' } });
    if (mode === 'slow') {
      setTimeout(() => send(200, {}), 600);
      return;
    }
    if (req.url === '/v1/embeddings') {
      const input = body.input as string[];
      return send(200, { data: input.map((t, index) => ({ index, embedding: vectorFor(t) })), usage: { prompt_tokens: input.length, total_tokens: input.length } });
    }
    const prompt = ((body.messages as { content: string }[])[1] as { content: string }).content;
    const schemaName = (body.response_format as { json_schema: { name: string } }).json_schema.name;
    if (schemaName === 'mapping_assignments') {
      // Proposes one sensible column, one column the file lacks and one field that is already mapped.
      const assignments = [{ table: 'listing', field: 'description', column: 'notes' }, { table: 'listing', field: 'brand', column: 'no-such-column' }, { table: 'listing', field: 'title', column: 'notes' }];
      return send(200, { choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ assignments }) } }], usage: fake.usage });
    }
    if (schemaName === 'title_attributes') {
      const content = JSON.stringify({ brand: 'Acme', model_code: null, capacity: null, colour: null, size: 'king' });
      return send(200, { choices: [{ index: 0, message: { role: 'assistant', content } }], usage: fake.usage });
    }
    const same = prompt.includes('16GB') && prompt.split('16GB').length === 3;
    const content = mode === 'prose' ? 'Sure! They look like the same product.' : mode === 'bad-schema' ? JSON.stringify({ match: 'yes', confidence: 3 }) : JSON.stringify({ match: same, confidence: 0.9, reason: same ? 'same capacity' : 'capacity differs' });
    send(200, { choices: [{ index: 0, message: { role: 'assistant', content } }], usage: fake.usage });
  });
}

let fake: Fake;

beforeAll(async () => {
  fake = { url: '', server: createServer((q, r) => handle(fake, q, r)), script: [], requests: [], usage: { prompt_tokens: 20, completion_tokens: 10 } };
  await new Promise<void>((ok) => fake.server.listen(0, '127.0.0.1', ok));
  fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => new Promise<void>((ok) => fake.server.close(() => ok())));
afterEach(() => {
  fake.script = [];
  fake.requests = [];
  fake.usage = { prompt_tokens: 20, completion_tokens: 10 };
});

const cfg = (o: Partial<OpenAiConfig> = {}): Partial<OpenAiConfig> & Pick<OpenAiConfig, 'baseUrl' | 'model'> => ({ baseUrl: fake.url, model: 'judge-1', embedModel: 'emb-1', backoffMs: 5, ...o });
const A = 'SanDisk Ultra 16GB microSDHC';
const B = 'Sandisk 16GB micro SD card class 10';
const C = 'SanDisk Ultra 32GB microSDHC';

describe('openai-compatible provider', () => {
  it('embeds in batches and answers repeated texts from the persistent cache', async () => {
    const s = await tempStore();
    try {
      const texts = Array.from({ length: 10 }, (_, i) => `title ${i}`);
      const p = openAiProvider(cfg({ batchSize: 4 }), dbProviderStore(s.db));
      const v = await p.embed(texts);
      expect(fake.requests.map((r) => (r.body.input as string[]).length)).toEqual([4, 4, 2]);
      expect(Array.from(v[3] as Float32Array)).toEqual(vectorFor('title 3').map((x) => Math.fround(x)));
      // A new provider on the same database: nothing is asked again.
      const again = await openAiProvider(cfg({ batchSize: 4 }), dbProviderStore(s.db)).embed([...texts, 'title 10']);
      expect(fake.requests).toHaveLength(4);
      expect((fake.requests[3]?.body.input as string[])).toEqual(['title 10']);
      expect(Array.from(again[3] as Float32Array)).toEqual(Array.from(v[3] as Float32Array));
      const ledger = await s.db.one<{ n: number }>(step("SELECT sum(requests) AS n FROM ai_ledger WHERE kind = 'embed'"));
      expect(Number(ledger?.n)).toBe(4);
    } finally {
      await s.done();
    }
  });

  it('judges with a strict JSON schema and caches the decision', async () => {
    const s = await tempStore();
    try {
      const p = openAiProvider(cfg(), dbProviderStore(s.db));
      const [d1, d2] = await p.judge([{ left: A, right: B }, { left: A, right: C }]);
      expect(d1).toMatchObject({ match: true, cached: false });
      expect(d2).toMatchObject({ match: false, cached: false });
      const rf = fake.requests[0]?.body.response_format as { type: string; json_schema: { strict: boolean; schema: { required: string[] } } };
      expect(rf.type).toBe('json_schema');
      expect(rf.json_schema.strict).toBe(true);
      expect(rf.json_schema.schema.required).toEqual(['match', 'confidence', 'reason']);
      const [d3] = await p.judge([{ left: A, right: B }]);
      expect(d3).toMatchObject({ match: true, cached: true });
      expect(fake.requests).toHaveLength(2);
    } finally {
      await s.done();
    }
  });

  it('retries 429 and 500 with backoff, and gives up after maxRetries', async () => {
    fake.script = ['429', '500', 'ok'];
    const [ok] = await openAiProvider(cfg({ maxRetries: 3 })).judge([{ left: A, right: B }]);
    expect(ok?.match).toBe(true);
    expect(fake.requests).toHaveLength(3);
    fake.requests = [];
    fake.script = ['500', '500', '500'];
    const [gaveUp] = await openAiProvider(cfg({ maxRetries: 1 })).judge([{ left: A, right: B }]);
    expect(gaveUp?.match).toBeNull();
    expect(gaveUp?.reason).toMatch(/HTTP 500/);
    expect(fake.requests).toHaveLength(2);
  });

  it('times out a slow answer and leaves the pair undecided', async () => {
    fake.script = ['slow', 'slow'];
    const t0 = Date.now();
    const [d] = await openAiProvider(cfg({ timeoutMs: 150, maxRetries: 1 })).judge([{ left: A, right: B }]);
    expect(d?.match).toBeNull();
    expect(d?.reason).toMatch(/timed out after 150 ms/);
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('rejects malformed model output (prose, schema violations) without caching it', async () => {
    const s = await tempStore();
    try {
      const p = openAiProvider(cfg(), dbProviderStore(s.db));
      fake.script = ['prose', 'bad-schema'];
      const [prose] = await p.judge([{ left: A, right: B }]);
      const [bad] = await p.judge([{ left: A, right: B }]);
      expect(prose).toMatchObject({ match: null });
      expect(prose?.reason).toMatch(/malformed answer: not JSON/);
      expect(bad).toMatchObject({ match: null });
      expect(bad?.reason).toMatch(/malformed answer: .*match/);
      const [good] = await p.judge([{ left: A, right: B }]);
      expect(good).toMatchObject({ match: true, cached: false });
      expect(fake.requests).toHaveLength(3);
    } finally {
      await s.done();
    }
  });

  it('stops spending once the budget is reached, and keeps the ledger', async () => {
    const s = await tempStore();
    try {
      fake.usage = { prompt_tokens: 1000, completion_tokens: 0 };
      // $1 per 1M tokens → $0.001 per answer; a $0.0025 budget pays for three answers (the prompt estimate is ~100 tokens).
      const p = openAiProvider(cfg({ pricePerMTokIn: 1, budgetUsd: 0.0025 }), dbProviderStore(s.db));
      const pairs = Array.from({ length: 5 }, (_, i) => ({ left: `${A} v${i}`, right: B }));
      const d = await p.judge(pairs);
      expect(fake.requests).toHaveLength(3);
      expect(d.slice(0, 3).every((x) => x.match !== null)).toBe(true);
      expect(d.slice(3).map((x) => x.match)).toEqual([null, null]);
      expect(d[4]?.reason).toMatch(/budget exhausted/);
      const spent = await dbProviderStore(s.db).spent('openai', 'judge-1');
      expect(spent.costUsd).toBeCloseTo(0.003, 6);
      // Budget is persistent: a new provider on the same database is refused too.
      const [later] = await openAiProvider(cfg({ pricePerMTokIn: 1, budgetUsd: 0.0025 }), dbProviderStore(s.db)).judge([{ left: 'x', right: 'y' }]);
      expect(later?.reason).toMatch(/budget exhausted/);
      expect(fake.requests).toHaveLength(3);
    } finally {
      await s.done();
    }
  });

  it('asks the judge only about the uncertain band and records method=llm', async () => {
    const p = openAiProvider(cfg());
    const pairs = [
      { key: 'sure-yes', left: A, right: C, probability: 0.97 },
      { key: 'near', left: A, right: B, probability: 0.45 },
      { key: 'sure-no', left: A, right: B, probability: 0.02 },
    ];
    const d = await judgeUncertain(pairs, 0.5, 0.15, p);
    expect(fake.requests).toHaveLength(1);
    expect(d.map((x) => [x.key, x.match, x.method])).toEqual([['sure-yes', true, 'model'], ['near', true, 'llm'], ['sure-no', false, 'model']]);
    fake.script = ['prose'];
    const undecided = await judgeUncertain([{ key: 'near2', left: C, right: B, probability: 0.55 }], 0.5, 0.15, p);
    expect(undecided[0]).toMatchObject({ match: true, method: 'llm-undecided' });
  });

  it('refines a suggested mapping with an LLM: only unmapped fields, only columns the file has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifuse-llm-map-'));
    try {
      const file = join(dir, 'feed.csv');
      writeFileSync(file, 'id,title,price,notes\nA1,SanDisk Ultra 16GB,9.99,fast card for cameras and phones\nA2,Kingston 32GB USB,7.50,metal casing keyring\n');
      const s = await suggestMapping(file, { platform: 'feed' });
      expect(s.mapping.targets.listing?.description).toBeUndefined();
      const r = await refineSuggestion(openAiProvider(cfg()), s, s.samples);
      expect(r.added.map((a) => `${a.field}<-${a.column}`)).toEqual(['description<-notes']);
      expect(r.suggestion.mapping.targets.listing?.description).toBe('notes');
      expect(r.suggestion.unmapped).not.toContain('notes');
      expect(fake.requests).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks the LLM for attributes only where the rules found fewer than two, filling only empty ones', async () => {
    const titles = ['SanDisk Ultra 16GB black', 'mystery bedding set'];
    const found = titles.map((t) => extractTitleAttributes(t));
    const asked = await refineWithLlm(openAiProvider(cfg()), titles, found, 10);
    expect(asked).toBe(1);
    expect(found[0]).toEqual({ capacity: '16 GB', colour: 'black' });
    expect(found[1]).toEqual({ brand: 'acme', size: 'king' });
  });

  it('uses the builtin provider when nothing is configured, without any network', async () => {
    const p = await providerFromEnv({});
    expect(p.name).toBe('builtin');
    expect((await p.complete('x', (await import('zod')).z.object({}), 'none')).error).toMatch(/no free-text model/);
    await expect(providerFromEnv({ OMNIFUSE_AI_PROVIDER: 'openai' })).rejects.toThrow(/OMNIFUSE_AI_BASE_URL/);
  });
});
