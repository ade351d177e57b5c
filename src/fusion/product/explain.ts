// Why two listings are (not) the same product: identifier evidence, any human decision, and the matcher's score
// with each feature's value and contribution (Saabas path attribution: bias + Σ contributions = log-odds).
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { inputError } from '../../util/errors.js';
import type { FeatureExplanation } from '../matcher.js';
import { formatListingKey, orderPair, type ListingKey } from './listing-key.js';
import { createTranslator } from './lexicon.js';
import { pairRecordOf } from './matching-text.js';
import { explainWith, storedProductMatcher } from './model.js';
import { loadEncoder } from '../../ai/encoder/store-train.js';
import { loadListingsByKey, type ListingRecord } from './records.js';
import { identifierVerdict } from './weak-labels.js';

export interface PairExplanationReport {
  readonly a: { readonly key: string; readonly text: string; readonly productId: string | null };
  readonly b: { readonly key: string; readonly text: string; readonly productId: string | null };
  /** Identifier rule: 'same' (equal GTIN/ASIN), 'conflict' (different GTINs) or null. */
  readonly identifier: 'same' | 'conflict' | null;
  readonly humanDecision: 'accept' | 'reject' | null;
  readonly model: { readonly version: number; readonly threshold: number };
  readonly probability: number;
  readonly modelSaysMatch: boolean;
  readonly sameProductNow: boolean;
  readonly bias: number;
  readonly features: FeatureExplanation[];
  /** With a title-encoder member (`fuse products --encoder`): its cosine and probability; `probability` is the mean. */
  readonly encoder?: { readonly cosine: number; readonly probability: number; readonly baseProbability: number };
}

export async function explainPair(db: Backend, x: ListingKey, y: ListingKey): Promise<PairExplanationReport> {
  const stored = await storedProductMatcher(db);
  if (!stored) throw inputError('no product matcher is stored yet', 'run `omnifuse fuse products` first; it trains one from identifier weak labels');
  const [ra, rb] = await loadListingsByKey(db, [x, y]);
  for (const [r, k] of [[ra, x], [rb, y]] as const) if (!r) throw inputError(`no listing ${formatListingKey(k)} in the store`, 'write platform:listing_id as in `omnifuse review --list`');
  const t = createTranslator(new Map(stored.artefact.aliases));
  const boilerplate = new Map((stored.artefact.boilerplate ?? []).map(([p, toks]) => [p, new Set(toks)]));
  const pa = pairRecordOf(ra as ListingRecord, t, boilerplate);
  const pb = pairRecordOf(rb as ListingRecord, t, boilerplate);
  let weights;
  if (stored.artefact.encoder) {
    const v = stored.artefact.encoder.encoderVersion;
    weights = (await loadEncoder(db, v))?.weights;
    if (!weights) throw inputError(`the matcher uses title-encoder v${v}, which is no longer in the model registry`, 'run `omnifuse fuse products --retrain` (with --encoder to use the current encoder)');
  }
  const e = explainWith(stored.artefact, pa, pb, weights);
  const v = identifierVerdict(ra as ListingRecord, rb as ListingRecord);
  const [a, b] = orderPair(x, y);
  const d = await db.one<{ decision: 'accept' | 'reject' }>(step('SELECT decision FROM match_decision WHERE platform_a = $1 AND listing_a = $2 AND platform_b = $3 AND listing_b = $4', [a.platform, a.id, b.platform, b.id]));
  const member = async (k: ListingKey) => (await db.one<{ product_id: string }>(step('SELECT product_id FROM product_member WHERE platform = $1 AND platform_listing_id = $2', [k.platform, k.id])))?.product_id ?? null;
  const [ida, idb] = [await member(x), await member(y)];
  return {
    a: { key: formatListingKey(x), text: pa.attrs.title ?? '', productId: ida },
    b: { key: formatListingKey(y), text: pb.attrs.title ?? '', productId: idb },
    identifier: v === 1 ? 'same' : v === 0 ? 'conflict' : null,
    humanDecision: d?.decision ?? null,
    model: { version: stored.info.version, threshold: stored.artefact.threshold },
    probability: e.probability, modelSaysMatch: e.probability >= stored.artefact.threshold, sameProductNow: ida !== null && ida === idb,
    bias: e.bias, features: e.features, ...(e.encoder ? { encoder: e.encoder } : {}),
  };
}
