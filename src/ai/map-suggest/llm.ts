// An LLM on top of the builtin suggestion: it sees the header, a few sample values and the fields still unmapped, and may
// propose column choices for those fields only; a proposal naming a column the file lacks is dropped.

import { z } from 'zod';
import { canonicalTables, type CanonicalTable } from '../../model/canonical.js';
import type { ModelProvider } from '../providers/provider.js';
import type { Assignment, Suggestion } from './suggest.js';

const answer = z.strictObject({
  assignments: z.array(z.strictObject({ table: z.string(), field: z.string(), column: z.string() })).max(60),
});

export async function refineSuggestion(provider: ModelProvider, s: Suggestion, samples: Record<string, readonly string[]>): Promise<{ suggestion: Suggestion; added: Assignment[]; error?: string }> {
  if (!provider.capabilities.complete) return { suggestion: s, added: [] };
  const tables = Object.keys(s.mapping.targets) as CanonicalTable[];
  const mapped = new Set(s.assignments.map((a) => `${a.table}.${a.field}`));
  const open = tables.flatMap((t) => Object.keys(canonicalTables[t].fields).filter((f) => f !== 'platform' && !mapped.has(`${t}.${f}`)).map((f) => `${t}.${f}`));
  if (open.length === 0 || s.unmapped.length === 0) return { suggestion: s, added: [] };
  const prompt = [
    'An e-commerce export has these columns (with sample values):',
    ...s.unmapped.map((c) => `- ${c}: ${(samples[c] ?? []).slice(0, 3).map((v) => JSON.stringify(v)).join(', ')}`),
    `Canonical fields still without a column: ${open.join(', ')}.`,
    'Propose {"assignments":[{"table","field","column"}]} only where a column clearly holds that field; leave the rest out.',
  ].join('\n');
  const r = await provider.complete(prompt, answer, 'mapping_assignments');
  if (!r.value) return { suggestion: s, added: [], ...(r.error ? { error: r.error } : {}) };
  const added: Assignment[] = [];
  const targets = structuredClone(s.mapping.targets);
  for (const a of r.value.assignments) {
    const key = `${a.table}.${a.field}`;
    if (!open.includes(key) || !s.unmapped.includes(a.column) || added.some((x) => x.column === a.column)) continue;
    const t = targets[a.table as CanonicalTable];
    if (!t) continue;
    t[a.field] = a.column;
    added.push({ table: a.table as CanonicalTable, field: a.field, column: a.column, score: 0.5 });
  }
  return { suggestion: { ...s, mapping: { ...s.mapping, targets }, assignments: [...s.assignments, ...added], unmapped: s.unmapped.filter((c) => !added.some((a) => a.column === c)) }, added };
}
