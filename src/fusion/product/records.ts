// One record per listing key: the same (platform, platform_listing_id) can arrive in several files (a price here, a
// category there), so each field keeps its most recent non-empty value before anything is compared.
import type { Backend } from '../../store/backend.js';
import { step, workTable, type SqlStep } from '../../store/sql.js';

/** The collapsed listings of one run, numbered 0..n-1 (rid) in key order. */
export const LISTING_WORK = workTable('pf_listing');

/** What matching and golden records read of a listing. */
export interface ListingRecord {
  readonly rid: number;
  readonly platform: string;
  readonly id: string;
  readonly sku: string;
  readonly gtin: string;
  readonly mpn: string;
  readonly asin: string;
  readonly brand: string;
  readonly title: string;
  readonly category: string;
  readonly variant: string;
  /** Leaf values of the attributes JSON (variant options, properties), space separated. */
  readonly attributes: string;
  readonly price: number | undefined;
  /** A product-level listing that offers several variants (an attribute lists several options): not itself a variant. */
  readonly variantParent: boolean;
}

const TEXT_FIELDS = ['sku', 'gtin', 'mpn', 'asin', 'brand', 'title', 'category_path', 'variant', 'image_url', 'url', 'currency', 'description'] as const;

const latest = (col: string, expr = col) => `arg_max(${expr}, ord) FILTER (WHERE ${col} IS NOT NULL AND trim(CAST(${col} AS VARCHAR)) <> '')`;

/** Collapses the listing table into LISTING_WORK (one row per key, with rid, row count and the latest file order). */
export function collapseListingsStep(): SqlStep {
  return step(`CREATE OR REPLACE TABLE ${LISTING_WORK} AS
    SELECT (row_number() OVER (ORDER BY platform, platform_listing_id) - 1)::INTEGER AS rid, *
    FROM (
      SELECT platform, platform_listing_id,
        ${TEXT_FIELDS.map((f) => `${latest(f)} AS ${f}`).join(',\n        ')},
        ${latest('attributes', 'CAST(attributes AS VARCHAR)')} AS attributes,
        ${latest('price_base', 'CAST(price_base AS DOUBLE)')} AS price_base,
        ${latest('price', 'CAST(price AS DOUBLE)')} AS price,
        max(listed_at) AS listed_at, max(ord) AS ord, count(*)::INTEGER AS n_rows
      FROM (SELECT *, source_file_id::BIGINT * 1000000000 + source_row::BIGINT AS ord FROM listing
            WHERE platform_listing_id IS NOT NULL AND platform_listing_id <> '')
      GROUP BY platform, platform_listing_id)`, [], LISTING_WORK);
}

/** Leaf strings of an attributes JSON value, skipping ids and flags ("30ml Silver", "颜色分类:黑色"). */
export function attributeText(json: string | null | undefined): string {
  if (!json) return '';
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  const out: string[] = [];
  const walk = (x: unknown, key: string): void => {
    if (typeof x === 'string') {
      if (!/^(id|position|slug|key|parent_id)$/i.test(key) && x.trim()) out.push(x.trim());
    } else if (typeof x === 'number') {
      if (!/^(id|position|parent_id)$/i.test(key)) out.push(String(x));
    } else if (Array.isArray(x)) {
      for (const e of x) walk(e, key);
    } else if (x && typeof x === 'object') {
      for (const [k, e] of Object.entries(x)) walk(e, k);
    }
  };
  walk(v, '');
  return [...new Set(out)].join(' ');
}

/** True when some attribute carries a list of two or more different option values (a variable product's parent). */
export function hasOptionList(json: string | null | undefined): boolean {
  if (!json || !json.includes('[')) return false;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return false;
  }
  const walk = (x: unknown): boolean => {
    if (Array.isArray(x)) return x.some(walk);
    if (!x || typeof x !== 'object') return false;
    for (const [k, e] of Object.entries(x)) {
      if (/^options?$/i.test(k) && Array.isArray(e) && new Set(e.map(String)).size >= 2) return true;
      if (walk(e)) return true;
    }
    return false;
  };
  return walk(v);
}

interface Row extends Record<string, unknown> {
  rid: number; platform: string; platform_listing_id: string; sku: string | null; gtin: string | null; mpn: string | null;
  asin: string | null; brand: string | null; title: string | null; category_path: string | null; variant: string | null;
  attributes: string | null; price_base: number | null;
}

export function toListingRecord(r: Row): ListingRecord {
  return {
    rid: Number(r.rid), platform: r.platform, id: r.platform_listing_id, sku: r.sku ?? '', gtin: r.gtin ?? '', mpn: r.mpn ?? '',
    asin: r.asin ?? '', brand: r.brand ?? '', title: r.title ?? '', category: r.category_path ?? '', variant: r.variant ?? '',
    attributes: attributeText(r.attributes), variantParent: hasOptionList(r.attributes), price: r.price_base === null || r.price_base === undefined ? undefined : Number(r.price_base),
  };
}

const SELECT = 'SELECT rid, platform, platform_listing_id, sku, gtin, mpn, asin, brand, title, category_path, variant, attributes, price_base';

/** Every collapsed listing, in rid order (rid = array index). */
export async function loadListingRecords(db: Backend): Promise<ListingRecord[]> {
  const rows = await db.all<Row>(step(`${SELECT} FROM ${LISTING_WORK} ORDER BY rid`));
  return rows.map(toListingRecord);
}

/** Collapsed records of a few listing keys straight from the listing table (for explain), rid = position. */
export async function loadListingsByKey(db: Backend, keys: readonly { platform: string; id: string }[]): Promise<(ListingRecord | undefined)[]> {
  const out: (ListingRecord | undefined)[] = [];
  for (const [i, k] of keys.entries()) {
    const row = await db.one<Row>(step(`SELECT ${i} AS rid, platform, platform_listing_id,
        ${['sku', 'gtin', 'mpn', 'asin', 'brand', 'title', 'category_path', 'variant'].map((f) => `${latestPlain(f)} AS ${f}`).join(', ')},
        ${latestPlain('attributes', 'CAST(attributes AS VARCHAR)')} AS attributes, ${latestPlain('price_base', 'CAST(price_base AS DOUBLE)')} AS price_base
      FROM (SELECT *, source_file_id::BIGINT * 1000000000 + source_row::BIGINT AS ord FROM listing WHERE platform = $1 AND platform_listing_id = $2)
      GROUP BY platform, platform_listing_id`, [k.platform, k.id]));
    out.push(row ? toListingRecord(row) : undefined);
  }
  return out;
}

const latestPlain = latest;

/**
 * Barcodes that cannot identify one product are dropped before they become evidence: all-zero or one repeated digit
 * ("00000000000000" passes the check digit) and any GTIN carried by more than `maxPerPlatform` listings of one
 * platform (a placeholder a shop typed into many products).
 */
export function dropJunkGtins(records: readonly ListingRecord[], maxPerPlatform = 3): { records: ListingRecord[]; dropped: number } {
  const counts = new Map<string, number>();
  for (const r of records) if (r.gtin) counts.set(`${r.platform}\u0000${r.gtin}`, (counts.get(`${r.platform}\u0000${r.gtin}`) ?? 0) + 1);
  const junk = new Set<string>();
  for (const [k, n] of counts) if (n > maxPerPlatform) junk.add(k.slice(k.indexOf('\u0000') + 1));
  let dropped = 0;
  const out = records.map((r) => {
    if (!r.gtin) return r;
    if (/^(\d)\1*$/.test(r.gtin.replace(/^0+/, '')) || /^0+$/.test(r.gtin) || junk.has(r.gtin)) {
      dropped++;
      return { ...r, gtin: '' };
    }
    return r;
  });
  return { records: out, dropped };
}
