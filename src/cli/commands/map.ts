// `omnifuse map suggest <file>`: a mapping file proposed from the header and sample values, for the user to review.
import { writeFileSync, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { globals } from '../context.js';
import { printJson, say } from '../output.js';
import { suggestMapping, suggestionYaml } from '../../ai/map-suggest/suggest.js';
import { refineSuggestion } from '../../ai/map-suggest/llm.js';
import { providerFromEnv } from '../../ai/providers/config.js';
import { inputError, usageError } from '../../util/errors.js';
import { basename } from 'node:path';

export function register(program: Command): void {
  const map = program.command('map').description('mapping files for exports no connector knows (docs/mapping.md)');
  map
    .command('suggest')
    .description('propose a mapping YAML from the header and sample values (header aliases + value profiling; an LLM refines it when OMNIFUSE_AI_PROVIDER=openai)')
    .argument('<file>', 'the export (CSV/TSV, JSON, NDJSON, XML)')
    .option('--platform <label>', 'platform label to write into the mapping', 'own-shop')
    .option('--out <path>', 'write the YAML here instead of stdout')
    .option('--force', 'overwrite --out if it exists')
    .option('--timezone <zone>', 'IANA zone of dates written without an offset (read.timezone), e.g. Asia/Shanghai')
    .option('--currency <code>', 'ISO 4217 code of amounts written without one (read.currency), e.g. CNY')
    .action(async (file: string, o: { platform: string; out?: string; force?: boolean; timezone?: string; currency?: string }, cmd: Command) => {
      const g = globals(cmd);
      if (!existsSync(file)) throw inputError(`${file} does not exist`, 'give the path of the export to map');
      if (o.out && existsSync(o.out) && !o.force) throw usageError(`${o.out} exists`, 'pass --force to overwrite it, or choose another --out');
      const timezone = o.timezone === undefined ? undefined : zoneFlag(o.timezone);
      const currency = o.currency === undefined ? undefined : currencyFlag(o.currency);
      let s = await suggestMapping(file, { platform: o.platform, ...(timezone ? { timezone } : {}), ...(currency ? { currency } : {}) });
      let llm: { added: number; error?: string } | undefined;
      if (process.env.OMNIFUSE_AI_PROVIDER && process.env.OMNIFUSE_AI_PROVIDER !== 'builtin') {
        const r = await refineSuggestion(await providerFromEnv(process.env), s, s.samples);
        s = { ...r.suggestion, yaml: suggestionYaml(r.suggestion.mapping, r.suggestion.unmapped, basename(file)) };
        llm = { added: r.added.length, ...(r.error ? { error: r.error } : {}) };
      }
      if (o.out) writeFileSync(o.out, s.yaml);
      if (g.json) return printJson({ kind: s.kind, mapping: s.mapping, assignments: s.assignments, unmapped: s.unmapped, ...(llm ? { llm } : {}), ...(o.out ? { written: o.out } : {}) });
      if (o.out) say(`wrote ${o.out} (${s.kind}; ${s.assignments.length} fields mapped, ${s.unmapped.length} columns left). Review it, then: omnifuse ingest ${file} --mapping ${o.out}`);
      else process.stdout.write(s.yaml);
    });
}

/** An IANA time zone the runtime knows ("Asia/Shanghai", "UTC"). */
function zoneFlag(raw: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw usageError(`--timezone "${raw}" is not a time zone`, 'give an IANA zone name such as Europe/Paris, Asia/Shanghai or UTC');
  }
}

/** A three-letter ISO 4217 code, upper-cased ("cny" → CNY). */
function currencyFlag(raw: string): string {
  const c = raw.trim().toUpperCase();
  if (!/^[A-Z]{3}$/u.test(c)) throw usageError(`--currency "${raw}" is not a currency code`, 'give a three-letter ISO 4217 code such as EUR, USD or CNY');
  return c;
}
