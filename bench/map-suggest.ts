// `map suggest` on every connector fixture with its platform's column names left out: share of the real connector's
// canonical rows the suggested mapping reproduces (core fields per table, see CORE_FIELDS). `npm run bench -- map-suggest [--json]`
// With file or folder arguments it scores those instead (the generalisation check on ../shared/data):
// `npm run bench -- map-suggest ../shared/data/olist-sample /tmp/online_retail_20k.csv`

import { readdirSync, statSync } from 'node:fs';
import { scoreSuggestion } from '../src/ai/map-suggest/evaluate.js';
import { hmacPads } from '../src/privacy/key.js';
import { openStore } from '../src/store/open.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = 'test/fixtures';
const json = process.argv.includes('--json');
const hmac = hmacPads(Buffer.alloc(32, 7));
const out: { file: string; connector: string | null; share: number | null; tables: string; wrong: string; error?: string }[] = [];
const given = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files: string[] = given.length > 0
  ? given.flatMap((g) => (statSync(g).isDirectory() ? readdirSync(g).sort().map((f) => join(g, f)) : [g]))
  : readdirSync(ROOT).sort().filter((d) => !d.endsWith('.ts')).flatMap((d) => readdirSync(join(ROOT, d)).sort().filter((f) => !f.includes('gbk-source')).map((f) => join(ROOT, d, f)));
{
  for (const path of files) {
    const name = given.length > 0 ? path : path.slice(ROOT.length + 1);
    const dir = mkdtempSync(join(tmpdir(), 'omnifuse-mapbench-'));
    const a = await openStore(join(dir, 'a.duckdb'));
    const b = await openStore(join(dir, 'b.duckdb'));
    try {
      const s = await scoreSuggestion(a, b, path, hmac);
      // fields that disagree on some real row: where a fixture loses its rows
      const wrong = s.tables.flatMap((t) => Object.entries(t.fields).filter(([, c]) => c.agree < c.real).map(([f, c]) => `${t.table}.${f} ${c.agree}/${c.real}`)).join(', ');
      out.push({ file: name, connector: s.connector, share: s.share, tables: s.tables.map((t) => `${t.table} ${t.correct}/${t.real}`).join(', '), wrong });
    } catch (e) {
      out.push({ file: name, connector: null, share: null, tables: '', wrong: '', error: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '' });
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
if (json) {
  console.log(JSON.stringify(out, null, 2));
} else {
  console.log('| fixture | connector | rows reproduced | per table | fields that disagree (agree/real) |');
  console.log('|---|---|---|---|---|');
  for (const r of out) console.log(`| ${r.file} | ${r.connector ?? '-'} | ${r.share === null ? `error: ${r.error?.slice(0, 80)}` : `${(r.share * 100).toFixed(0)}%`} | ${r.tables} | ${r.wrong} |`);
  const ok = out.filter((r) => r.share !== null && r.share >= 0.9).length;
  console.log(`\n${ok} of ${out.length} fixtures at ≥ 90% (the issue's bar is all of them)`);
}
