// `omnifuse privacy encode|link|erase`: CLK encodings for a partner, linkage of two encoded files, erasure.
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { loadKey, createKey } from '../../privacy/key.js';
import { audit, cliActor } from '../../privacy/audit.js';
import { clkEncoder, readClk, writeClkLines, type PiiRecord } from '../../privacy/clk-file.js';
import { DEFAULT_LINK, linkClks } from '../../privacy/pprl-link.js';
import { eraseSubject } from '../../privacy/erase.js';
import { maskEmail, maskPhone } from '../../privacy/mask.js';
import { csvRecords } from '../../util/csv.js';
import { inputError, usageError } from '../../util/errors.js';

export function register(program: Command): void {
  const privacy = program.command('privacy').description('privacy-preserving record linkage (CLK Bloom filters) and erasure');
  privacy
    .command('encode <input.csv>')
    .description('encode a CSV of people (columns id,name,phone,postcode,city,address,country; only id is required) into keyed 1024-bit Bloom filters (CLKs) for a partner; no plain PII is written')
    .requiredOption('--out <file.clk>', 'output file (NDJSON: header, then {id, clk, blocks} per record)')
    .option('--linkage-key <file>', 'key shared with the partner for this linkage (default: the project key file; both sides must use the same key)')
    .action(async (input: string, o: { out: string; linkageKey?: string }, cmd: Command) => {
      const g = globals(cmd);
      const key = o.linkageKey ? createKey(o.linkageKey) : loadKey(g.keyFile);
      const rows = csvRecords(readFileSync(input, 'utf8'), { lowerHeader: true });
      if (rows.length > 0 && !('id' in rows[0]!)) throw inputError(`${input} has no id column`, 'the first line must name the columns: id,name,phone,postcode,city,address,country');
      const encode = clkEncoder(key);
      const records = rows.map((r) => encode(r as unknown as PiiRecord));
      writeFileSync(o.out, writeClkLines(records).join('\n') + '\n');
      await withProject(g, (p) => audit(p.db, { actor: cliActor(), action: 'privacy.encode', params: { input, out: o.out, records: records.length } }));
      if (g.json) return printJson({ records: records.length, out: o.out });
      say(`${records.length.toLocaleString('en-US')} records encoded into ${o.out}`);
    });
  privacy
    .command('link <a.clk> <b.clk>')
    .description('link two CLK files by Dice similarity (keyed blocking, greedy one-to-one); prints or writes id pairs with scores')
    .option('--threshold <d>', `Dice similarity a pair needs (default ${DEFAULT_LINK.threshold})`)
    .option('--out <file.csv>', 'write a_id,b_id,score here')
    .action((a: string, b: string, o: { threshold?: string; out?: string }, cmd: Command) => {
      const g = globals(cmd);
      const threshold = o.threshold === undefined ? DEFAULT_LINK.threshold : Number(o.threshold);
      if (!(threshold > 0 && threshold <= 1)) throw usageError(`--threshold must be in (0, 1], got ${o.threshold}`);
      const t0 = performance.now();
      const fa = readClk(a);
      const fb = readClk(b);
      if (fa.bits !== fb.bits) throw inputError(`${a} has ${fa.bits}-bit filters, ${b} has ${fb.bits}`, 'encode both sides with the same schema');
      const r = linkClks(fa.records, fb.records, { ...DEFAULT_LINK, threshold });
      const lines = r.matches.map((m) => `${fa.records[m.a]!.id},${fb.records[m.b]!.id},${m.score.toFixed(4)}`);
      if (o.out) writeFileSync(o.out, ['a_id,b_id,score', ...lines].join('\n') + '\n');
      const seconds = (performance.now() - t0) / 1000;
      if (g.json) return printJson({ a: fa.records.length, b: fb.records.length, candidates: r.candidates, matches: r.matches.length, seconds, ...(o.out ? { out: o.out } : { pairs: r.matches.map((m) => ({ a: fa.records[m.a]!.id, b: fb.records[m.b]!.id, score: m.score })) }) });
      say(`${fa.records.length.toLocaleString('en-US')} × ${fb.records.length.toLocaleString('en-US')} records: ${r.candidates.toLocaleString('en-US')} candidate pairs, ${r.matches.length.toLocaleString('en-US')} links in ${seconds.toFixed(1)} s${o.out ? ` → ${o.out}` : ''}`);
      if (!o.out) say(lines.slice(0, 20).join('\n') + (lines.length > 20 ? `\n… ${lines.length - 20} more (use --out)` : ''));
      return undefined;
    });
  privacy
    .command('erase')
    .description("erase one buyer: remove accounts and identifiers, anonymise orders/events/reviews, drop raw rejects holding the values, recompute persons, flag models")
    .option('--email <address>', 'the buyer e-mail')
    .option('--phone <number>', 'the buyer phone')
    .option('--account <platform:id>', 'one platform account')
    .option('--country <code>', 'the country a national --phone is read in (ISO code, e.g. GB); default: each country the store holds')
    .action(async (o: { email?: string; phone?: string; account?: string; country?: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const key = loadKey(g.keyFile);
        const r = await eraseSubject(p.db, key, o);
        const subject = o.email ? { email: maskEmail(o.email) } : o.phone ? { phone: maskPhone(o.phone) } : { account: o.account };
        await audit(p.db, { actor: cliActor(), action: 'privacy.erase', params: { ...subject, accounts: r.accounts.length, orders: r.orders, persons: r.persons } });
        if (g.json) return printJson(r);
        say(`erased ${r.accounts.length} account(s): ${r.orders} orders and ${r.orderLines} lines anonymised, ${r.events} events, ${r.reviews} reviews, ${r.rejects} raw rejected records cleared`);
        say(`persons updated: ${r.persons.updated.join(', ') || '-'}; removed: ${r.persons.removed.join(', ') || '-'}`);
        if (r.flaggedModels.length > 0) say(`models flagged for retraining:\n${table(r.flaggedModels)}`);
      });
    });
}
