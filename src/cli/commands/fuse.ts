// `omnifuse fuse products`: link listings across platforms into products (block, weak-supervised matcher, guarded
// clustering, stable ids, golden records) so every order line resolves to a fused product_id.
import type { Command } from 'commander';
import { globals, isTty, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { fuseProducts } from '../../fusion/product/fuse.js';
import { evaluateFusion } from '../../fusion/product/evaluate.js';
import { usageError } from '../../util/errors.js';
import { loadEncoder } from '../../ai/encoder/store-train.js';

interface FuseFlags { retrain?: boolean; onePerPlatform?: boolean; linkage?: string; selfTraining?: string; truth?: string; encoder?: boolean }

const pct = (x: number) => (x * 100).toFixed(1);

export function register(program: Command): void {
  const fuse = program.command('fuse').description('entity resolution on the store (products; persons: see `omnifuse persons fuse`)');
  fuse
    .command('products')
    .description('fuse listings into products: identifier + TF-IDF blocking, a matcher trained on GTIN/ASIN weak labels, clustering with a chaining guard, stable ids, golden records')
    .option('--retrain', 'train a new matcher even if the stored one was trained on the same listings')
    .option('--one-per-platform', 'at most one listing per platform in a product')
    .option('--linkage <x>', 'mean score two clusters need to merge, as a multiple of the threshold (default 1)')
    .option('--self-training <n>', 'self-training rounds after the first clustering (default 1, 0 = identifier labels only)')
    .option('--encoder', 'also use the title encoder (`omnifuse models train-encoder`): its nearest titles become candidates, and the matcher averages in a model that reads the encoder cosine of the two titles')
    .option('--truth <listings.csv>', 'score the result against a generator truth/listings.csv (pairwise precision, recall, F1)')
    .action(async (o: FuseFlags, cmd: Command) => {
      const g = globals(cmd);
      const linkage = o.linkage === undefined ? undefined : Number(o.linkage);
      if (linkage !== undefined && !(linkage > 0)) throw usageError(`--linkage must be a positive number, got ${o.linkage}`, 'e.g. --linkage 1.2 (stricter) or 0.8 (looser)');
      const rounds = o.selfTraining === undefined ? undefined : Number(o.selfTraining);
      if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 0)) throw usageError(`--self-training must be a whole number ≥ 0, got ${o.selfTraining}`);
      const verbose = isTty() && !g.json;
      await withProject(g, async (p) => {
        const enc = o.encoder ? await loadEncoder(p.db) : undefined;
        if (o.encoder && !enc) throw usageError('--encoder: no title encoder in the model registry', 'train one first: omnifuse models train-encoder');
        const r = await fuseProducts(p.db, {
          ...(enc ? { encoder: { weights: enc.weights, version: enc.info.version } } : {}),
          retrain: o.retrain === true,
          cluster: { ...(linkage !== undefined ? { linkage } : {}), ...(o.onePerPlatform ? { onePerPlatform: true } : {}) },
          ...(rounds !== undefined ? { selfTraining: rounds } : {}),
          ...(verbose ? { onProgress: (stage: string, detail: string) => process.stderr.write(`${stage}: ${detail}\n`) } : {}),
        });
        const quality = o.truth ? await evaluateFusion(p.db, o.truth) : undefined;
        if (g.json) return printJson({ ...r, ...(quality ? { quality } : {}) });
        say(`${r.listings.toLocaleString('en-US')} listings → ${r.products.toLocaleString('en-US')} products (${r.multiListingProducts.toLocaleString('en-US')} on several listings), run ${r.runId}`);
        say(`candidates: ${r.candidates.total.toLocaleString('en-US')} pairs (${r.candidates.fromKeys.toLocaleString('en-US')} by identifier/code keys, ${r.candidates.fromNeighbours.toLocaleString('en-US')} by TF-IDF neighbours${r.candidates.fromEncoder > 0 ? `, ${r.candidates.fromEncoder.toLocaleString('en-US')} by encoder neighbours` : ''}), reduction ratio ${pct(r.candidates.reductionRatio)}%`);
        say(`matcher: ${r.model.name} v${r.model.version} ${r.model.trained ? 'trained now' : 'reused'} (threshold ${r.model.threshold.toFixed(3)}${r.model.validF1 === null ? '' : `, held-out weak-label F1 ${pct(r.model.validF1)}`}${r.model.encoderMember === undefined ? '' : `; title-encoder member ${r.model.encoderMember === 'kept' ? 'kept' : 'left out: it lowered held-out F1'}`})`);
        say(`links: ${r.accepted.identifier} by identifier, ${r.accepted.model} by model, ${r.accepted.human} by human decision; ${r.refusedMerges} merges refused by the chaining guard`);
        say(`ids: ${r.ids.kept} kept, ${r.ids.new} new, ${r.ids.merges} merges, ${r.ids.splits} splits, ${r.ids.retired} retired`);
        say(table(r.stages.map((s) => ({ stage: s.stage, seconds: +s.seconds.toFixed(2) }))));
        if (quality) {
          say(`\nagainst truth (${quality.all.listings} listings): precision ${pct(quality.all.precision)}, recall ${pct(quality.all.recall)}, F1 ${pct(quality.all.f1)}`);
          say(`listings without identifiers (${quality.withoutIdentifier.listings}): F1 ${pct(quality.withoutIdentifier.f1)}`);
        }
      });
    });
}
