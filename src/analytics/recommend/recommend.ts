// Train the recommenders on the whole store, keep them in the model registry, and answer "what next" for a
// person, an account or a product (similar products).
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { findModel, fingerprint, saveModel, type ModelInfo } from '../../store/model-registry.js';
import { usageError } from '../../util/errors.js';
import { loadInteractions, userHistories, userKey, type Interactions } from './interactions.js';
import { evaluateRecommenders, type RecommendEval } from './eval.js';
import { fitModel, recommendFor, type FitOptions, type NeighbourModel, type RecommenderKind } from './models.js';

export const RECOMMENDER_KINDS: readonly RecommenderKind[] = ['ease', 'item-item', 'popularity'];
export const modelName = (kind: RecommenderKind) => `recommend-${kind}`;

export interface TrainResult {
  evaluation: RecommendEval | undefined;
  stored: ModelInfo[];
}

/** Evaluate on a time split (unless evaluate is false), then fit every model on all data and store it. */
export async function trainRecommenders(db: Backend, opts: { evaluate?: boolean; maxItems?: number; onProgress?: (s: string) => void } = {}): Promise<TrainResult> {
  const x = await loadInteractions(db);
  if (x.u.length === 0) throw usageError('no purchases with a known buyer in the store', 'ingest order exports first (`omnifuse ingest <files>`)');
  const evaluation = opts.evaluate === false ? undefined : evaluateRecommenders(x, { maxItems: opts.maxItems ?? 1000, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const histories = userHistories(x);
  const fp = fingerprint(x.u.length, x.users.length, x.items.length, x.t[x.t.length - 1]);
  const stored: ModelInfo[] = [];
  for (const kind of RECOMMENDER_KINDS) {
    const r = evaluation?.models.find((m) => m.kind === kind);
    const params: FitOptions = r?.params ?? (kind === 'ease' ? { lambda: 400, maxItems: opts.maxItems ?? 1000 } : kind === 'item-item' ? { alpha: 0.5 } : {});
    opts.onProgress?.(`${kind} on all data`);
    const model = fitModel(kind, x.items, histories.values(), params);
    stored.push(await saveModel(db, {
      name: modelName(kind), kind, params: { ...params, persons: x.persons },
      metrics: r ? { validRecall20: r.valid.recall20, validNdcg10: r.valid.ndcg10, testRecall20: r.test.recall20, testNdcg10: r.test.ndcg10, testUsers: r.test.users } : {},
      dataFingerprint: fp, artefact: model,
    }));
  }
  return { evaluation, stored };
}

export interface Recommendation {
  rank: number;
  product_id: string;
  score: number;
  title: string | null;
  platforms: string | null;
  min_price: number | null;
}

export type RecommendTarget = { person: string } | { account: string } | { product: string };

/** Recommendations from a stored model (trained on the spot when none is stored). */
export async function recommend(db: Backend, target: RecommendTarget, opts: { k?: number; kind?: RecommenderKind; excludeBought?: boolean } = {}): Promise<{ model: string; history: number; items: Recommendation[] }> {
  const kind = opts.kind ?? ('product' in target ? 'item-item' : 'ease');
  let stored = await findModel<NeighbourModel>(db, modelName(kind));
  if (!stored) {
    await trainRecommenders(db, { evaluate: false });
    stored = await findModel<NeighbourModel>(db, modelName(kind));
  }
  const model = stored!.artefact;
  const index = new Map(model.items.map((id, i) => [id, i]));
  let history: number[];
  if ('product' in target) {
    const i = index.get(target.product);
    if (i === undefined) throw usageError(`product ${target.product} has no purchases in the trained model`, 'check the id with `omnifuse search`, or retrain with `omnifuse recommend --train`');
    history = [i];
  } else {
    const ids = await historyOf(db, target);
    history = ids.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
  }
  const k = opts.k ?? 20;
  const exclude = new Set<number>('product' in target || opts.excludeBought ? history : []);
  const recs = recommendFor(model, history, k, exclude);
  const info = await describeProducts(db, recs.map((r) => model.items[r.item]!));
  return {
    model: `${stored!.info.name} v${stored!.info.version}`,
    history: history.length,
    items: recs.map((r, n) => ({ rank: n + 1, product_id: model.items[r.item]!, score: Math.round(r.score * 1e4) / 1e4, ...(info.get(model.items[r.item]!) ?? { title: null, platforms: null, min_price: null }) })),
  };
}

async function historyOf(db: Backend, target: { person: string } | { account: string }): Promise<string[]> {
  const k = await userKey(db);
  if ('person' in target && !k.persons) throw usageError(`no persons fused yet, so person ${target.person} is unknown`, 'fuse customers first, or ask by account: --account <platform>:<customer id>');
  const key = 'person' in target ? target.person : target.account;
  if ('account' in target && !key.includes(':')) throw usageError(`--account must be <platform>:<customer id>, got ${key}`, 'e.g. --account own-shop:17850');
  const where = 'person' in target ? 'pm.person_id = $1' : "o.platform || ':' || o.platform_customer_id = $1";
  const rows = await db.all<{ p: string }>(step(`SELECT DISTINCT lp.product_id AS p FROM line_product lp JOIN orders o USING (platform, platform_order_id) ${k.join}
    WHERE ${where} AND lp.quantity > 0 ORDER BY 1`, [key]));
  if (rows.length === 0) throw usageError(`${'person' in target ? 'person' : 'account'} ${key} has no purchases in the store`, 'list buyers with `omnifuse segment`');
  return rows.map((r) => r.p);
}

/** Title, platforms and lowest base price per product id (fused golden title first, else a listing or line title). */
export async function describeProducts(db: Backend, ids: readonly string[]): Promise<Map<string, { title: string | null; platforms: string | null; min_price: number | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ product_id: string; title: string | null; platforms: string | null; min_price: number | null }>(step(`
    WITH ids AS (SELECT unnest(from_json($1, '["VARCHAR"]')) AS product_id),
    lst AS (SELECT lp.product_id, min(l.title) AS title, string_agg(DISTINCT l.platform, ',' ORDER BY l.platform) AS platforms, min(l.price_base) AS p
            FROM listing_product lp JOIN listing l USING (platform, platform_listing_id) WHERE lp.product_id IN (SELECT product_id FROM ids) GROUP BY 1),
    ln AS (SELECT product_id, min(title) AS title, string_agg(DISTINCT platform, ',' ORDER BY platform) AS platforms, min(unit_price_base) FILTER (WHERE unit_price_base > 0) AS p
           FROM line_product WHERE product_id IN (SELECT product_id FROM ids) GROUP BY 1)
    SELECT ids.product_id, COALESCE(pr.title, lst.title, ln.title) AS title, COALESCE(lst.platforms, ln.platforms) AS platforms,
           CAST(COALESCE(lst.p, ln.p) AS DOUBLE) AS min_price
    FROM ids LEFT JOIN product pr USING (product_id) LEFT JOIN lst USING (product_id) LEFT JOIN ln USING (product_id)`, [JSON.stringify(ids)]));
  return new Map(rows.map((r) => [r.product_id, { title: r.title, platforms: r.platforms, min_price: r.min_price === null ? null : Number(r.min_price) }]));
}

export type { Interactions };
