// Probabilistic stitching after the deterministic pass: block → compare → Fellegi-Sunter (EM, TF) → merge the
// best-scoring cluster pairs first, each merge checked against the same merge rules.
import type { Account } from './accounts.js';
import { COMPARISONS, compare, profile, tfValue, type Profile } from './compare.js';
import { levelFrequencies, matchWeight, probability, trainFs, type FsModel } from './fellegi-sunter.js';
import type { MergeRules } from './merge-protection.js';
import { linkingIdentifiers } from './stitch.js';
import type { ProtectedUnionFind } from './union-find.js';
import { createRng } from '../../ai/builtin/rng.js';

export interface ProbabilisticOptions {
  /** posterior match probability a pair needs to merge */
  threshold: number;
  /** blocks larger than this are skipped (a city of thousands is no block) */
  maxBlock: number;
  /** random pairs for the u-probabilities */
  uSample: number;
  seed: number;
  iterations?: number;
  /** what EM estimates: m (anchored by identifier-linked pairs; default) or the prior */
  estimate?: 'lambda' | 'm';
  /** share of all true matches the identifier pass is assumed to find: sets the prior λ */
  deterministicRecall: number;
  /** identifier links from the deterministic pass, used as labelled matches */
  links?: readonly { a: number; b: number; kind: 'email' | 'phone' }[];
  /** the project key: hashes a Han surname's pinyin to compare it with Latin name tokens */
  key?: Buffer;
  /** a pair is left out when its account has another candidate on the same platform (another cluster) within this
   *  many bits of match weight; 0 turns the check off */
  ambiguity?: number;
}

// threshold chosen on the seed-42 medium sample (development); seed 7 is the held-out check (docs/persons.md)
export const DEFAULT_PROBABILISTIC: ProbabilisticOptions = { threshold: 0.5, maxBlock: 400, uSample: 200_000, seed: 1, deterministicRecall: 0.8, ambiguity: 1 };

export interface ProbabilisticResult {
  model: FsModel;
  candidates: number;
  merges: { a: number; b: number; probability: number }[];
  /** merges refused: merge rules, or two clusters with different phones / phone fragments */
  refused: number;
  phoneConflicts: number;
  /** above-threshold pairs left out because another account of the same platform scored about as well */
  ambiguous: number;
}

/** Blocking keys: exact postcode; city + initials; region + initials where there is no postcode; phone fragment;
 *  city (else region) + one name token, a Han surname's pinyin counting as a token (张* in 成都市 meets Wei Zhang there). */
function blockKeys(p: Profile): string[] {
  const keys: string[] = [];
  const ini = [...p.initials].sort().join('');
  if (p.postcode) keys.push(`pc:${p.postcode}`);
  if (p.city && ini) keys.push(`ci:${p.city}:${ini}`);
  if (p.region && ini && !p.postcode) keys.push(`re:${p.region}:${ini}`);
  for (const f of p.fragments) keys.push(`pf:${f}`);
  const place = p.city ?? p.region;
  if (place) for (const t of p.surnamePinyin ? [p.surnamePinyin] : p.tokens) keys.push(`tk:${place}:${t}`);
  return keys;
}

/** Pairs already in one cluster after the deterministic pass. */
function detPairs(uf: ProtectedUnionFind, n: number): number {
  const size = new Map<number, number>();
  for (let i = 0; i < n; i++) size.set(uf.find(i), (size.get(uf.find(i)) ?? 0) + 1);
  let p = 0;
  for (const k of size.values()) p += (k * (k - 1)) / 2;
  return Math.max(1, p);
}

export function linkProbabilistic(
  accounts: readonly Account[], uf: ProtectedUnionFind, rules: MergeRules, blocked: ReadonlySet<string>, opts: ProbabilisticOptions = DEFAULT_PROBABILISTIC,
): ProbabilisticResult {
  const profiles = accounts.map((a) => profile(a, linkingIdentifiers(a, 'email', rules, blocked), linkingIdentifiers(a, 'phone', rules, blocked), opts.key));
  // term frequencies of postcode and city among accounts
  const tfCount = COMPARISONS.map(() => new Map<string, number>());
  for (const p of profiles) COMPARISONS.forEach((c, ci) => {
    const v = tfValue(p, c.name);
    if (v !== null) tfCount[ci]!.set(v, (tfCount[ci]!.get(v) ?? 0) + 1);
  });
  const tfTotals = tfCount.map((m) => [...m.values()].reduce((s, n) => s + n, 0));
  const tfOf = (p: Profile) => COMPARISONS.map((c, ci) => {
    const v = tfValue(p, c.name);
    return v === null ? null : (tfCount[ci]!.get(v) ?? 0) / Math.max(1, tfTotals[ci]!);
  });

  // u from random pairs of accounts in different clusters
  const rng = createRng(opts.seed);
  const rnd = () => rng.next();
  const randomPairs: number[][] = [];
  const n = accounts.length;
  for (let i = 0; i < opts.uSample && n > 1; i++) {
    const a = Math.floor(rnd() * n);
    const b = Math.floor(rnd() * n);
    if (a === b || uf.find(a) === uf.find(b)) continue;
    randomPairs.push(compare(profiles[a]!, profiles[b]!));
  }
  const u = levelFrequencies(COMPARISONS, randomPairs);

  // candidate pairs from blocks, across clusters only
  const blocks = new Map<string, number[]>();
  profiles.forEach((p, i) => {
    for (const k of blockKeys(p)) {
      const list = blocks.get(k);
      if (list) list.push(i);
      else blocks.set(k, [i]);
    }
  });
  const seen = new Set<number>();
  const cand: { a: number; b: number; levels: number[] }[] = [];
  for (const key of [...blocks.keys()].sort()) {
    const members = blocks.get(key)!;
    if (members.length < 2 || members.length > opts.maxBlock) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x]!;
        const b = members[y]!;
        if (accounts[a]!.platform === accounts[b]!.platform && rules.accountsPerPlatform <= 1) continue;
        if (uf.find(a) === uf.find(b)) continue;
        const id = a * n + b;
        if (seen.has(id)) continue;
        seen.add(id);
        cand.push({ a, b, levels: compare(profiles[a]!, profiles[b]!) });
      }
    }
  }
  // identifier-linked pairs (same cluster, different platforms) are free labels; the comparison that linked them
  // (phone/e-mail agreement) is masked out so it does not teach that every match shares a phone
  const labelled: number[][] = [];
  for (const l of opts.links ?? []) {
    const levels = compare(profiles[l.a]!, profiles[l.b]!);
    levels[COMPARISONS.findIndex((c) => c.name === l.kind)] = 0;
    labelled.push(levels);
  }
  const model = trainFs(COMPARISONS, u, cand.map((c) => c.levels), {
    labelled, iterations: opts.iterations ?? 30, estimate: opts.estimate ?? 'm', totalPairs: (n * (n - 1)) / 2,
    // the prior as Splink's estimate_probability_two_random_records_match: identifier-linked pairs / assumed recall
    lambda: Math.min(0.5, detPairs(uf, n) / opts.deterministicRecall / Math.max(1, (n * (n - 1)) / 2)), fixLambda: true,
  });

  const scored = cand.map((c) => {
    const ta = tfOf(profiles[c.a]!);
    const tb = tfOf(profiles[c.b]!);
    const tf = ta.map((x, i) => (x === null || tb[i] === null ? null : Math.max(x, tb[i]!)));
    const weight = matchWeight(model, c.levels, tf);
    return { a: c.a, b: c.b, weight, probability: probability(weight) };
  }).filter((s) => s.probability >= opts.threshold);
  const ambiguous = ambiguousPairs(scored, accounts, uf, opts.ambiguity ?? 0);
  const ranked = scored.filter((_s, i) => !ambiguous.has(i)).map(({ a, b, probability: p }) => ({ a, b, probability: p }))
    .sort((x, y) => y.probability - x.probability || x.a - y.a || x.b - y.b);
  // a pair's score does not see the rest of the two clusters: a merge that would put two different phone numbers
  // (or phone fragments) in one person is refused, so a phone-less account cannot bridge two namesakes
  const phonesOf = new Map<number, { phones: Set<string>; fragments: Set<string> }>();
  const phoneSets = (i: number) => {
    const r = uf.find(i);
    let v = phonesOf.get(r);
    if (!v) {
      v = { phones: new Set(), fragments: new Set() };
      phonesOf.set(r, v);
    }
    return v;
  };
  for (let i = 0; i < n; i++) {
    const v = phoneSets(i);
    for (const x of profiles[i]!.phones) v.phones.add(x);
    for (const x of profiles[i]!.fragments) v.fragments.add(x);
  }
  const merges: ProbabilisticResult['merges'] = [];
  let refused = 0;
  let phoneConflicts = 0;
  for (const s of ranked) {
    if (uf.find(s.a) === uf.find(s.b)) continue;
    if (uf.violates(s.a, s.b, rules)) {
      refused++;
      continue;
    }
    const pa = phoneSets(s.a);
    const pb = phoneSets(s.b);
    if (differ(pa.phones, pb.phones) || differ(pa.fragments, pb.fragments)) {
      refused++;
      phoneConflicts++;
      continue;
    }
    phonesOf.delete(uf.find(s.a));
    phonesOf.delete(uf.find(s.b));
    uf.union(s.a, s.b);
    phonesOf.set(uf.find(s.a), { phones: new Set([...pa.phones, ...pb.phones]), fragments: new Set([...pa.fragments, ...pb.fragments]) });
    merges.push(s);
  }
  return { model, candidates: cand.length, merges, refused, phoneConflicts, ambiguous: ambiguous.size };
}

/** Pairs (indices into `scored`) whose account has another candidate on the same platform, in another cluster,
 *  scoring within `margin` bits: two namesakes in one city, and nothing to tell which one this buyer is. */
function ambiguousPairs(scored: readonly { a: number; b: number; weight: number }[], accounts: readonly Account[], uf: ProtectedUnionFind, margin: number): Set<number> {
  const out = new Set<number>();
  if (margin <= 0) return out;
  const byKey = new Map<string, number[]>();
  scored.forEach((s, i) => {
    for (const [x, y] of [[s.a, s.b], [s.b, s.a]] as const) {
      const k = `${x}|${accounts[y]!.platform}`;
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  for (const [k, list] of byKey) {
    if (list.length < 2) continue;
    const x = Number(k.slice(0, k.indexOf('|')));
    const other = (i: number) => (scored[i]!.a === x ? scored[i]!.b : scored[i]!.a);
    for (const i of list) {
      const rival = list.some((j) => j !== i && uf.find(other(j)) !== uf.find(other(i)) && scored[j]!.weight >= scored[i]!.weight - margin);
      if (rival) out.add(i);
    }
  }
  return out;
}

/** Both sets hold values and share none. */
function differ(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}
