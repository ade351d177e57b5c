// `omnifuse persons fuse|show|eval`: identity resolution over customer accounts, and one person's masked 360° view.
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { loadKey } from '../../privacy/key.js';
import { audit, cliActor } from '../../privacy/audit.js';
import { fusePersons, type FusePersonsResult } from '../../fusion/person/fuse.js';
import { personView } from '../../fusion/person/show.js';
import { pairwiseScore, readPersonTruth } from '../../fusion/person/eval.js';
import { usageError } from '../../util/errors.js';

const num = (name: string, v: string | undefined, fallback: number) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw usageError(`${name} must be a number, got ${v}`);
  return n;
};

function summary(r: FusePersonsResult): Record<string, unknown> {
  const { assignment: _a, model, ...rest } = r;
  return { ...rest, ...(model ? { model: { lambda: model.lambda } } : {}) };
}

export function register(program: Command): void {
  const persons = program.command('persons').description('customer identity across platforms: fuse accounts into persons, show one (masked)');
  addFuse(persons, 'fuse');
  // `omnifuse fuse persons` as well, beside `fuse products`, when the fuse command is registered before this one
  const fuseCmd = program.commands.find((c) => c.name() === 'fuse');
  if (fuseCmd && !fuseCmd.commands.some((c) => c.name() === 'persons')) addFuse(fuseCmd, 'persons');
  persons
    .command('show <person_id>')
    .description('one person, masked: accounts per platform, orders, spend in base currency, first/last seen, products bought')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const v = await personView(p.db, id);
        await audit(p.db, { actor: cliActor(), action: 'persons.show', params: { person_id: id } });
        if (g.json) return printJson(v);
        say(`${v.personId}: ${v.accounts.length} account(s), ${v.orders} orders, spend ${v.spendBase} (base currency), first seen ${v.firstSeenAt ?? '-'}, last seen ${v.lastSeenAt ?? '-'}`);
        say(table(v.accounts.map((a) => ({ platform: a.platform, account: a.account, name: a.name, email: a.email, phone: a.phone, city: a.city, method: a.method, score: a.score }))));
        say(`products bought (${v.products.length}): ${v.products.slice(0, 20).join(', ')}${v.products.length > 20 ? ', …' : ''}`);
      });
    });
  persons
    .command('eval <persons.csv>')
    .description('score the stored persons against a generator truth/persons.csv without re-fusing')
    .action(async (path: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const key = loadKey(g.keyFile);
        const rows = await p.db.all<{ k: string; person_id: string }>({ sql: "SELECT platform || '|' || platform_customer_id AS k, person_id FROM person_member" });
        const s = pairwiseScore(readPersonTruth(path, key), new Map(rows.map((r) => [r.k, r.person_id])));
        if (g.json) return printJson(s);
        say(`${s.accounts} accounts scored: precision ${(100 * s.precision).toFixed(1)}, recall ${(100 * s.recall).toFixed(1)}, F1 ${(100 * s.f1).toFixed(1)}`);
      });
    });
}

function addFuse(parent: Command, name: string): void {
  parent
    .command(name)
    .description('link customer accounts into persons: hashed e-mail/phone stitching with merge protection, then Fellegi-Sunter (EM, TF) on masked name, postcode, city')
    .option('--deterministic-only', 'identifier stitching only')
    .option('--threshold <p>', 'match probability a pair needs (default 0.5)')
    .option('--accounts-per-platform <n>', 'most accounts one person may hold per platform (default 1)')
    .option('--max-accounts-per-identifier <n>', 'an e-mail/phone shared by more accounts is ignored (default 8)')
    .option('--truth <persons.csv>', 'score against a generator truth/persons.csv (pairwise precision, recall, F1)')
    .action(async (o: { deterministicOnly?: boolean; threshold?: string; accountsPerPlatform?: string; maxAccountsPerIdentifier?: string; truth?: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const key = loadKey(g.keyFile);
        const r = await fusePersons(p.db, key, {
          deterministicOnly: o.deterministicOnly === true,
          rules: {
            ...(o.accountsPerPlatform ? { accountsPerPlatform: num('--accounts-per-platform', o.accountsPerPlatform, 1) } : {}),
            ...(o.maxAccountsPerIdentifier ? { maxAccountsPerIdentifier: num('--max-accounts-per-identifier', o.maxAccountsPerIdentifier, 8) } : {}),
          },
          probabilistic: o.threshold ? { threshold: num('--threshold', o.threshold, 0.5) } : {},
        });
        await audit(p.db, { actor: cliActor(), action: 'persons.fuse', params: { deterministicOnly: o.deterministicOnly === true, accounts: r.accounts, persons: r.persons } });
        const score = o.truth ? pairwiseScore(readPersonTruth(o.truth, key), r.assignment) : undefined;
        if (g.json) return printJson({ ...summary(r), ...(score ? { score } : {}) });
        say(`${r.accounts.toLocaleString('en-US')} accounts → ${r.persons.toLocaleString('en-US')} persons (${r.multiAccountPersons.toLocaleString('en-US')} with several accounts, largest ${r.largestPerson}); ${r.kept} person ids kept from the previous run`);
        say(`links: ${r.links.email} by e-mail, ${r.links.phone} by phone, ${r.links.probabilistic} by Fellegi-Sunter (${r.candidates.toLocaleString('en-US')} candidate pairs)`);
        say(`merge protection: ${r.refused.deterministic + r.refused.probabilistic} unions refused; ignored identifiers: ${r.ignored.blocked} blocked, ${r.ignored.overShared} over-shared, ${r.ignored.relay} relay e-mails`);
        if (score) say(`against truth (${score.accounts} accounts): precision ${(100 * score.precision).toFixed(1)}, recall ${(100 * score.recall).toFixed(1)}, F1 ${(100 * score.f1).toFixed(1)}`);
      });
    });
}
