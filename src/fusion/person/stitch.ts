// Deterministic stitching: accounts sharing a hashed e-mail or phone join one person, identifier kinds in
// priority order, each union checked against the merge rules; blocked and over-shared values never link.
import type { Account } from './accounts.js';
import type { MergeRules } from './merge-protection.js';
import { ProtectedUnionFind } from './union-find.js';

export interface StitchResult {
  uf: ProtectedUnionFind;
  /** account index pairs that linked, with the identifier kind that linked them */
  links: { a: number; b: number; kind: 'email' | 'phone' }[];
  /** unions refused by a limit */
  refused: { a: number; b: number; kind: 'email' | 'phone'; reason: string }[];
  /** identifier values ignored: blocked list, over-shared, relay */
  ignored: { blocked: number; overShared: number; relay: number };
}

/** The identifiers an account may link by, after relay and blocked values are dropped. */
export function linkingIdentifiers(a: Account, kind: 'email' | 'phone', rules: MergeRules, blocked: ReadonlySet<string>): string[] {
  if (kind === 'email' && rules.relayPlatforms.includes(a.platform)) return [];
  return (kind === 'email' ? a.emails : a.phones).filter((h) => !blocked.has(h));
}

export function stitch(accounts: readonly Account[], rules: MergeRules, blocked: ReadonlySet<string>): StitchResult {
  const uf = new ProtectedUnionFind(accounts.map((a) => ({
    size: 1, platforms: new Map([[a.platform, 1]]),
    emails: new Set(rules.relayPlatforms.includes(a.platform) ? [] : a.emails.filter((h) => !blocked.has(h))),
    phones: new Set(a.phones.filter((h) => !blocked.has(h))),
  })));
  const links: StitchResult['links'] = [];
  const refused: StitchResult['refused'] = [];
  const ignored = { blocked: 0, overShared: 0, relay: 0 };
  for (const a of accounts) {
    if (rules.relayPlatforms.includes(a.platform)) ignored.relay += a.emails.length;
    ignored.blocked += a.emails.filter((h) => blocked.has(h)).length + a.phones.filter((h) => blocked.has(h)).length;
  }
  for (const kind of rules.priority) {
    const byValue = new Map<string, number[]>();
    accounts.forEach((a, i) => {
      for (const h of linkingIdentifiers(a, kind, rules, blocked)) {
        const list = byValue.get(h);
        if (list) list.push(i);
        else byValue.set(h, [i]);
      }
    });
    for (const value of [...byValue.keys()].sort()) {
      const members = byValue.get(value)!;
      if (members.length < 2) continue;
      if (members.length > rules.maxAccountsPerIdentifier) {
        ignored.overShared++;
        continue;
      }
      const first = members[0]!;
      for (const other of members.slice(1)) {
        if (uf.find(first) === uf.find(other)) continue;
        const why = uf.violates(first, other, rules);
        if (why) refused.push({ a: first, b: other, kind, reason: why });
        else {
          uf.union(first, other);
          links.push({ a: first, b: other, kind });
        }
      }
    }
  }
  return { uf, links, refused, ignored };
}
