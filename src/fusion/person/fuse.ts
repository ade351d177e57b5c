// `fuse persons`: accounts → deterministic stitching → Fellegi-Sunter → stable person ids → person, person_member.
import type { Backend } from '../../store/backend.js';
import { step, workTable } from '../../store/sql.js';
import { loadAccounts, type Account } from './accounts.js';
import { blockedHashes, DEFAULT_MERGE_RULES, type MergeRules } from './merge-protection.js';
import { DEFAULT_PROBABILISTIC, linkProbabilistic, type ProbabilisticOptions } from './probabilistic.js';
import { assignPersonIds } from './stable-ids.js';
import { stitch } from './stitch.js';

export interface FusePersonsOptions {
  rules?: Partial<MergeRules>;
  probabilistic?: Partial<ProbabilisticOptions>;
  /** identifier stitching only (no Fellegi-Sunter pass) */
  deterministicOnly?: boolean;
}

export interface FusePersonsResult {
  accounts: number;
  persons: number;
  multiAccountPersons: number;
  largestPerson: number;
  kept: number;
  links: { email: number; phone: number; probabilistic: number };
  /** unions refused by the merge rules; probabilistic also counts phone conflicts (of which phoneConflicts) */
  refused: { deterministic: number; probabilistic: number; phoneConflicts: number };
  /** above-threshold pairs left out as ambiguous (another account of the same platform scored about as well) */
  ambiguous: number;
  ignored: { blocked: number; overShared: number; relay: number };
  candidates: number;
  model?: { lambda: number; m: number[][]; u: number[][] };
  /** cluster key per account (`platform|platform_customer_id` → person_id), for evaluation */
  assignment: Map<string, string>;
}

export const accountKey = (a: Pick<Account, 'platform' | 'platformCustomerId'>) => `${a.platform}|${a.platformCustomerId}`;

export async function fusePersons(db: Backend, key: Buffer, opts: FusePersonsOptions = {}): Promise<FusePersonsResult> {
  const rules: MergeRules = { ...DEFAULT_MERGE_RULES, ...opts.rules };
  const accounts = await loadAccounts(db);
  const blocked = blockedHashes(key, rules);
  const det = stitch(accounts, rules, blocked);
  const prob = opts.deterministicOnly
    ? undefined
    : linkProbabilistic(accounts, det.uf, rules, blocked, { ...DEFAULT_PROBABILISTIC, ...opts.probabilistic, links: det.links, key });

  // how each account joined its person: the identifier kind, else the best probabilistic pair
  const method: string[] = accounts.map(() => 'single');
  const score: number[] = accounts.map(() => 1);
  for (const l of prob?.merges ?? []) {
    for (const i of [l.a, l.b]) {
      if (method[i] === 'single' || (method[i] === 'fellegi-sunter' && score[i]! < l.probability)) {
        method[i] = 'fellegi-sunter';
        score[i] = l.probability;
      }
    }
  }
  for (const l of det.links) for (const i of [l.a, l.b]) { method[i] = `identifier:${l.kind}`; score[i] = 1; }

  const old = new Map((await db.all<{ platform: string; platform_customer_id: string; person_id: string }>(
    step('SELECT platform, platform_customer_id, person_id FROM person_member'))).map((r) => [`${r.platform}|${r.platform_customer_id}`, r.person_id]));
  const clusterOf = accounts.map((_, i) => det.uf.find(i));
  const { ids, kept } = assignPersonIds(clusterOf, (i) => accountKey(accounts[i]!), (i) => old.get(accountKey(accounts[i]!)));
  // accounts with a method 'single' inside a larger cluster joined through another member: name the cluster's way
  const size = new Map<number, number>();
  for (const c of clusterOf) size.set(c, (size.get(c) ?? 0) + 1);

  const stage = workTable('person_member');
  await db.transaction(async () => {
    await db.run(step(`CREATE OR REPLACE TEMP TABLE ${stage} (person_id VARCHAR, platform VARCHAR, platform_customer_id VARCHAR, score DOUBLE, method VARCHAR)`));
    await db.append(stage, ['person_id', 'platform', 'platform_customer_id', 'score', 'method'], accounts.map((a, i) => [
      ids.get(clusterOf[i]!)!, a.platform, a.platformCustomerId, score[i]!, size.get(clusterOf[i]!) === 1 ? 'single' : method[i]!,
    ]));
    await db.run(step('DELETE FROM person_member'));
    await db.run(step(`INSERT INTO person_member SELECT person_id, platform, platform_customer_id, score, method, now() FROM ${stage}`));
    await db.run(step(`CREATE OR REPLACE TEMP TABLE ${workTable('person_old')} AS SELECT person_id, created_at FROM person`));
    await db.run(step('DELETE FROM person'));
    await db.run(step(`INSERT INTO person
      SELECT m.person_id, count(*), count(DISTINCT m.platform), string_agg(DISTINCT m.platform, ',' ORDER BY m.platform),
             coalesce(min(o.created_at), now()), now()
      FROM person_member m LEFT JOIN ${workTable('person_old')} o USING (person_id) GROUP BY m.person_id`));
    await db.run(step(`DROP TABLE ${stage}`));
    await db.run(step(`DROP TABLE ${workTable('person_old')}`));
  });

  const sizes = [...size.values()];
  const result: FusePersonsResult = {
    accounts: accounts.length,
    persons: size.size,
    multiAccountPersons: sizes.filter((n) => n > 1).length,
    largestPerson: Math.max(0, ...sizes),
    kept,
    links: { email: det.links.filter((l) => l.kind === 'email').length, phone: det.links.filter((l) => l.kind === 'phone').length, probabilistic: prob?.merges.length ?? 0 },
    refused: { deterministic: det.refused.length, probabilistic: prob?.refused ?? 0, phoneConflicts: prob?.phoneConflicts ?? 0 },
    ambiguous: prob?.ambiguous ?? 0,
    ignored: det.ignored,
    candidates: prob?.candidates ?? 0,
    ...(prob ? { model: { lambda: prob.model.lambda, m: prob.model.m, u: prob.model.u } } : {}),
    assignment: new Map(accounts.map((a, i) => [accountKey(a), ids.get(clusterOf[i]!)!])),
  };
  const runId = Number((await db.one<{ n: number | null }>(step('SELECT max(run_id) AS n FROM person_run')))?.n ?? 0) + 1;
  const { assignment: _a, ...metrics } = result;
  await db.run(step('INSERT INTO person_run VALUES ($1, now(), $2, $3)', [runId, JSON.stringify({ rules, probabilistic: opts.probabilistic ?? {}, deterministicOnly: opts.deterministicOnly === true }), JSON.stringify(metrics)]));
  return result;
}
