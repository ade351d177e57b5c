// Library entry of the sample generator: builds the catalogue, people and listings, streams orders to every export.
import { AnomalyLog } from './anomalies.js';
import { expectedOrders } from './calendar.js';
import { buildCatalogue } from './catalogue.js';
import { HISTORY_DAYS, dayStart } from './clock.js';
import { WriteContext, type OrderWriter, type SampleFile } from './context.js';
import { DirtLedger } from './dirt.js';
import { buildListings, injectPriceErrors } from './listings.js';
import { OrderFactory } from './orders.js';
import { buildPeople } from './people.js';
import { ORDER_SHARE, type Platform } from './platforms.js';
import { AmazonWriter } from './platforms/amazon.js';
import { EbayWriter } from './platforms/ebay.js';
import { writeGoogle } from './platforms/google.js';
import { JdWriter } from './platforms/jd.js';
import { OwnWriter } from './platforms/own.js';
import { PddWriter } from './platforms/pinduoduo.js';
import { ShopifyWriter } from './platforms/shopify.js';
import { TaobaoWriter } from './platforms/taobao.js';
import { WooWriter } from './platforms/woocommerce.js';
import { Rng } from './rng.js';
import { SCALES, type Scale } from './scale.js';
import { writeTruth } from './truth.js';

export type { SampleFile } from './context.js';
export type { Scale } from './scale.js';

export interface SampleOptions {
  outDir: string;
  seed: number;
  scale: Scale;
  /** override the scale's order target (benchmarks measure a scale's code path on fewer orders) */
  orders?: number;
  onProgress?: (p: { file: string; rows: number }) => void;
}

export interface SampleSummary {
  outDir: string;
  seed: number;
  scale: Scale;
  orders: number;
  orderLines: number;
  files: SampleFile[];
}

/** First instant of the last days that hold about `count` expected orders (API files carry those orders). */
function cutoffFor(days: Float64Array, count: number): number {
  let sum = 0;
  for (let d = days.length - 1; d >= 0; d--) {
    sum += days[d] as number;
    if (sum >= count) return dayStart(d);
  }
  return dayStart(0);
}

export async function generateSample(opts: SampleOptions): Promise<SampleSummary> {
  const preset = SCALES[opts.scale];
  if (!preset) throw new Error(`Unknown sample scale "${String(opts.scale)}" (use small, medium or large)`);
  const plan = opts.orders === undefined ? preset : { ...preset, orders: opts.orders };
  if (!Number.isInteger(opts.seed)) throw new Error(`Sample seed ${String(opts.seed)} is not an integer (pass e.g. --seed 42)`);
  const root = new Rng(`omnifuse-sample:${opts.seed}`);
  const catalogue = buildCatalogue(root.fork('catalogue'), plan.baseProducts);
  const people = buildPeople(root.fork('people'), plan.persons);
  const book = buildListings(catalogue, root.fork('listings'));
  const shopifyCount = book.all.filter((l) => l.platform === 'shopify').length;
  const priceErrors = injectPriceErrors(book, root.fork('price-errors'), Math.max(3, Math.round(shopifyCount * 0.004)));
  const expected = expectedOrders(plan.orders);
  const apiCutoff = new Map<string, number>();
  for (const p of ['shopify', 'amazon'] as const) apiCutoff.set(p, cutoffFor(expected.get(p) as Float64Array, plan.apiOrders));
  apiCutoff.set('ebay', cutoffFor(expected.get('ebay') as Float64Array, plan.apiOrders * 1.35));

  const anomalies = new AnomalyLog();
  const ctx = new WriteContext(opts.outDir, plan, book, new DirtLedger(), root.fork('writers'), apiCutoff);
  const writers = new Map<Platform, OrderWriter>([
    ['shopify', new ShopifyWriter(ctx)], ['amazon', new AmazonWriter(ctx)], ['ebay', new EbayWriter(ctx)], ['woocommerce', new WooWriter(ctx)],
    ['taobao', new TaobaoWriter(ctx)], ['jd', new JdWriter(ctx)], ['pinduoduo', new PddWriter(ctx)],
  ]);
  const own = new OwnWriter(ctx, opts.scale === 'large' ? 0.02 : 0.08);
  const anomalyCount = Math.max(4, Math.round(catalogue.variants.length / 250));
  const factory = new OrderFactory(root.fork('orders'), people, book, anomalies, anomalyCount);

  let orders = 0;
  let orderLines = 0;
  for (let day = 0; day < HISTORY_DAYS; day++) {
    for (const [platform] of ORDER_SHARE) {
      const writer = writers.get(platform) as OrderWriter;
      for (const o of factory.day(platform, day, (expected.get(platform) as Float64Array)[day] as number)) {
        writer.write(o);
        own.write(o);
        orders++;
        orderLines += o.lines.length;
      }
      await ctx.relieve();
    }
    own.endDay();
    if (day % 30 === 29) opts.onProgress?.({ file: 'orders (all platforms)', rows: orderLines });
  }
  for (const w of writers.values()) await w.finish();
  await own.finish();
  writeGoogle(ctx);
  await writeTruth(ctx, anomalies, priceErrors);
  const files = await ctx.closeAll();
  for (const f of files) opts.onProgress?.({ file: f.path, rows: f.rows });
  return { outDir: opts.outDir, seed: opts.seed, scale: opts.scale, orders, orderLines, files };
}
