// Everything the translator learns from the store itself: brand names written in Han with their Latin name in
// brackets ("索尼（SONY）"), and Han words glossed by the English titles of the same identifier group.
import { identifierGroups, type IdentifierGroups } from './identifier-groups.js';
import { learnBrandAliases, learnHanGlossary, type BrandAliases } from './lexicon.js';
import type { ListingRecord } from './records.js';

/** Han → Latin words for the translator; a bracketed brand name wins over a learnt gloss of the same word. */
export function learnAliases(records: readonly ListingRecord[], groups: IdentifierGroups = identifierGroups(records)): BrandAliases {
  const titles = records.map((r) => r.title);
  const out = learnHanGlossary(titles, groups.group);
  for (const [zh, en] of learnBrandAliases(titles)) out.set(zh, en);
  return out;
}
