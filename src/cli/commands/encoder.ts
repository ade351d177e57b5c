// `omnifuse models train-encoder` (the neural title encoder) and `omnifuse ai extract|usage` (model providers).
import type { Command } from 'commander';
import { globals, isTty, intFlag, withProject } from '../context.js';
import { progressBar } from '../progress.js';
import { printJson, say, table } from '../output.js';
import { trainStoreEncoder, loadEncoder } from '../../ai/encoder/store-train.js';
import { providerFromEnv } from '../../ai/providers/config.js';
import { extractListingAttributes } from '../../ai/extract/store.js';
import { step } from '../../store/sql.js';

const posInt = (flag: string, raw: string | undefined, fallback: number): number => (raw === undefined ? fallback : intFlag(flag, raw));

export function register(program: Command): void {
  const models = program.commands.find((c) => c.name() === 'models');
  if (!models) throw new Error('register the models command before the encoder command');
  models
    .command('train-encoder')
    .description('train the neural title encoder (tfjs, wasm backend) on the store\'s listings: identifier-equal listings and augmented titles as positives')
    .option('--steps <n>', 'training steps (batches of 128)', '600')
    .option('--max-titles <n>', 'at most this many listing titles (a larger store is sampled by identifier group, across platforms)', '50000')
    .option('--seed <n>', 'random seed', '1')
    .action(async (o: { steps: string; maxTitles: string; seed: string }, cmd: Command) => {
      const g = globals(cmd);
      const steps = posInt('--steps', o.steps, 600);
      const bar = progressBar(isTty() && !g.json);
      await withProject(g, async (p) => {
        const r = await trainStoreEncoder(p.db, {
          maxTitles: posInt('--max-titles', o.maxTitles, 50_000),
          training: { steps, seed: posInt('--seed', o.seed, 1) },
          onProgress: (s: number, l: number) => bar.update(`training, loss ${l.toFixed(3)},`, s + 1, steps, 'steps'),
        });
        bar.end();
        if (g.json) return printJson(r.info);
        say(`${r.info.name} v${r.info.version} stored: ${JSON.stringify(r.info.metrics)}`);
      });
    });

  const ai = program.command('ai').description('model providers: attribute extraction, spend ledger (OMNIFUSE_AI_PROVIDER selects builtin | onnx | openai)');
  ai.command('extract')
    .description('extract brand, model code, capacity, colour and size from listing titles into listing.attributes.extracted')
    .option('--llm-limit <n>', 'with an LLM provider configured: at most this many titles are asked', '200')
    .action(async (o: { llmLimit: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const enc = await loadEncoder(p.db);
        const provider = await providerFromEnv(process.env, p.db, enc ? { encoder: enc.weights } : {});
        const r = await extractListingAttributes(p.db, { provider, llmLimit: posInt('--llm-limit', o.llmLimit, 200) });
        if (g.json) return printJson({ provider: provider.name, ...r });
        say(`${r.listings} listings read (provider ${provider.name}${r.llmAsked > 0 ? `, ${r.llmAsked} titles asked` : ''}); brand filled on ${r.brandsFilled}`);
        say(table(Object.entries(r.withAttribute).map(([attribute, n]) => ({ attribute, listings: n }))));
      });
    });
  ai.command('usage')
    .description('requests, tokens and cost spent per provider and model (the ledger the budget is checked against)')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const rows = await p.db.all(step(`SELECT provider, model, kind, CAST(sum(requests) AS BIGINT) AS requests,
            CAST(sum(prompt_tokens) AS BIGINT) AS prompt_tokens, CAST(sum(completion_tokens) AS BIGINT) AS completion_tokens, round(sum(cost_usd), 6) AS cost_usd
          FROM ai_ledger GROUP BY ALL ORDER BY provider, model, kind`));
        const clean = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
        if (g.json) return printJson(clean);
        say(clean.length === 0 ? 'nothing spent yet (no provider calls recorded)' : table(clean));
      });
    });
}
