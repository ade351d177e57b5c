// Search quality on labelled listings (the generator's truth/listings.csv): for each platform, index the
// products built from the other platforms' listings, query with this platform's titles, and score rank-1
// accuracy and MRR. Leaving the query's platform out keeps its own title out of the index.
import { buildIndex, search, type SearchDoc } from './bm25.js';

export interface TruthListing {
  platform: string;
  title: string | null;
  gtin: string | null;
  sku: string | null;
  product: string;
}

export interface SearchEval {
  queries: number;
  top1: number;
  mrr: number;
  byPlatform: { platform: string; queries: number; top1: number; mrr: number }[];
}

export function evaluateSearch(listings: readonly TruthListing[]): SearchEval {
  const platforms = [...new Set(listings.map((l) => l.platform))].sort();
  let queries = 0;
  let top1 = 0;
  let rr = 0;
  const byPlatform: SearchEval['byPlatform'] = [];
  for (const p of platforms) {
    const docs = new Map<string, SearchDoc>();
    for (const l of listings) {
      if (l.platform === p) continue;
      const d = docs.get(l.product) ?? { id: l.product, texts: [], identifiers: [] };
      if (l.title) d.texts.push(l.title);
      for (const id of [l.gtin, l.sku]) if (id) d.identifiers.push(id);
      docs.set(l.product, d);
    }
    const index = buildIndex([...docs.values()]);
    let q = 0;
    let t1 = 0;
    let r = 0;
    for (const l of listings) {
      // a product whose other listings carry no title text cannot be found by a title
      if (l.platform !== p || !l.title || !docs.get(l.product)?.texts.some((t) => t && t.trim())) continue;
      const hits = search(index, l.title, 10);
      const rank = hits.findIndex((h) => h.id === l.product);
      q++;
      if (rank === 0) t1++;
      if (rank >= 0) r += 1 / (rank + 1);
    }
    if (q === 0) continue;
    byPlatform.push({ platform: p, queries: q, top1: t1 / q, mrr: r / q });
    queries += q;
    top1 += t1;
    rr += r;
  }
  return { queries, top1: queries ? top1 / queries : 0, mrr: queries ? rr / queries : 0, byPlatform };
}
