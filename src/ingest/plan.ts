// Compile a mapping into SQL steps over the staging table: find the failing records, then insert each target
// straight from the stage (no materialised projection: the cleaning expressions run once per statement).
import { canonicalTables, isCanonicalTable, type CanonicalTable } from '../model/canonical.js';
import { FAILURE_REASON, STRICT, DEFAULT_DATE_FORMATS, defaultTransform, transformSql, type TransformContext } from '../clean/transforms.js';
import { resolveColumn } from '../connectors/header.js';
import { targetFields, type FieldMapping, type Mapping, type TargetMapping } from '../connectors/mapping.js';
import { ident, step, workTable, type SqlStep, type SqlValue } from '../store/sql.js';

const compacted = (sql: string, values: readonly SqlValue[], out?: string): SqlStep => {
  const c = compactStep(sql, values);
  return step(c.sql, c.params, out);
};
import { configError } from '../util/errors.js';
import { compactStep, Params } from './params.js';
import { STAGE, type Staged } from './staging.js';
import { insertDerived } from './derive.js';

/** one row per failing (record, target): the first failing field's struct; a record may fail in several targets */
export const BAD = workTable('bad');
export const keyedWork = (t: CanonicalTable) => workTable(`k_${t}`);
const ERR_TYPE = 'STRUCT(field VARCHAR, value VARCHAR, reason VARCHAR)';

export interface PlanOptions {
  fileId: number;
  fileName: string;
  hmac: { ipad: string; opad: string };
  timezone: string;
  currency: string;
  baseCurrency: string;
}

type Agg = NonNullable<FieldMapping['agg']>;

interface CompiledField {
  name: string;
  value: string;
  /** raw expressions whose non-empty value must convert, with the converted value of each */
  checks: { raw: string; value: string }[];
  required: boolean;
  reason: string;
  agg: Agg;
  /** the (first) raw expression, shown as the value of a 'missing (required)' reject */
  raw: string | undefined;
}

interface Compiled {
  fields: CompiledField[];
  /** FROM clause (the stage, with fill-down columns and `each` elements) and its WHERE conditions */
  from: string;
  where: string[];
  idx: string;
  fillDown: boolean;
}

/** JSON path of a dotted mapping path: numeric segments index arrays (items.0.price → $."items"[0]."price") */
export function jsonPath(path: string): string {
  return '$' + path.split('.').map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `."${seg.replaceAll('"', '\\"')}"`)).join('');
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

class TargetCompiler {
  private readonly fills: string[] = [];
  constructor(
    private readonly table: CanonicalTable,
    private readonly target: TargetMapping,
    private readonly mapping: Mapping,
    private readonly staged: Staged,
    private readonly opts: PlanOptions,
    private readonly params: Params,
  ) {}

  private ctx(field: FieldMapping): TransformContext {
    const fmt = field.format === undefined ? [] : Array.isArray(field.format) ? field.format : [field.format];
    return {
      timezone: field.timezone ?? this.mapping.read?.timezone ?? this.opts.timezone,
      currency: this.mapping.read?.currency ?? this.opts.currency,
      formats: [...fmt, ...DEFAULT_DATE_FORMATS],
      param: (v) => this.params.add(v),
      hmac: this.opts.hmac,
      // an ISO code (two capitals) is the country itself, anything else names the column holding it
      ...(field.country === undefined ? {} : { country: /^[A-Z]{2}$/.test(field.country) ? this.params.add(field.country) : (this.column(field.country) ?? 'NULL') }),
    };
  }

  /** values that mean "missing" become NULL before any transform */
  private nullIf(expr: string, extra: readonly string[] = []): string {
    const words = [...(this.mapping.read?.null_if ?? []), ...extra];
    if (words.length === 0) return expr;
    return `(CASE WHEN trim(${expr}) IN (${words.map((w) => this.params.add(w)).join(', ')}) THEN NULL ELSE ${expr} END)`;
  }

  /** SQL for one source column: a staging column, or a JSON path (relative to the `each` element). */
  column(name: string, nullIf: readonly string[] = []): string | undefined {
    let expr: string | undefined;
    if (this.staged.shape === 'json') {
      if (name.startsWith('$.')) expr = `json_extract_string(s.rec, ${this.params.add(jsonPath(name.slice(2)))})`;
      else expr = `json_extract_string(${this.target.each ? 'e.elem' : 's.rec'}, ${this.params.add(jsonPath(name))})`;
    } else {
      const h = resolveColumn(this.staged.columns, name);
      expr = h === undefined ? undefined : `s.${ident(h)}`;
    }
    return expr === undefined ? undefined : this.nullIf(expr, nullIf);
  }

  /** an empty value takes the last non-empty one above it (in the same group), computed over the whole stage */
  private fillDown(expr: string, by: string | true): string {
    if (this.target.each) throw configError(`mapping ${this.mapping.name}: fill_down cannot be used with each (${this.table})`);
    const group = by === true ? undefined : this.column(by);
    if (by !== true && group === undefined) {
      throw configError(`${this.opts.fileName}: fill_down column "${by}" (${this.table}) is not in the header (mapping ${this.mapping.name})`);
    }
    const v = `nullif(trim(${expr}), '')`;
    this.fills.push(`coalesce(${v}, last_value(${v} IGNORE NULLS) OVER (${group ? `PARTITION BY ${group} ` : ''}ORDER BY s.__rec ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS __fd${this.fills.length}`);
    return `s.__fd${this.fills.length - 1}`;
  }

  /** the raw expressions of a field: one per present column (several for combine: sum) */
  raws(field: FieldMapping, fieldName: string): string[] {
    if (field.const !== undefined) return [`CAST(${this.params.add(field.const)} AS VARCHAR)`];
    if (field.column === undefined) return [];
    const names = Array.isArray(field.column) ? field.column : [field.column];
    const present = names.map((n) => this.column(n, field.null_if)).filter((c): c is string => c !== undefined);
    if (present.length === 0) {
      if (field.required) {
        throw configError(
          `${this.opts.fileName}: column ${names.map((n) => `"${n}"`).join(' / ')} for ${this.table}.${fieldName} is not in the header (mapping ${this.mapping.name})`,
          `the header has: ${this.staged.columns.slice(0, 40).join(', ')}; fix the column name in the mapping file`,
        );
      }
      return [];
    }
    // the first non-blank of several columns: trim only (the field's transform folds the winner once; of_fold here
    // nested a macro inside the transform's macros and made the expression tree, and DuckDB's planning, explode)
    const firstOf = `coalesce(${present.map((p) => `nullif(trim(CAST(${p} AS VARCHAR)), '')`).join(', ')})`;
    const joined = `nullif(concat_ws(' ', ${present.map((p) => `nullif(trim(CAST(${p} AS VARCHAR)), '')`).join(', ')}), '')`;
    const parts = field.combine === 'sum' ? present : [present.length === 1 ? present[0]! : field.combine === 'join' ? joined : firstOf];
    const filled = field.fill_down === undefined ? parts : parts.map((p) => this.fillDown(p, field.fill_down!));
    return field.extract === undefined ? filled : filled.map((p) => `nullif(regexp_extract(CAST(${p} AS VARCHAR), ${this.params.add(field.extract!)}, 1), '')`);
  }

  field(name: string, spec: FieldMapping, forceRequired: boolean): CompiledField {
    const def = (canonicalTables[this.table].fields as Record<string, { sqlType: string }>)[name];
    if (!def) {
      throw configError(
        `mapping ${this.mapping.name}: ${this.table} has no field "${name}"`,
        `fields of ${this.table}: ${Object.keys(canonicalTables[this.table].fields).join(', ')}`,
      );
    }
    const t = spec.transform ?? defaultTransform(def.sqlType, name);
    const raws = this.raws(spec, name);
    const ctx = this.ctx(spec);
    const rules = { ...(spec.map ? { map: spec.map } : {}), ...(spec.prefix ? { prefix: spec.prefix } : {}), ...(spec.otherwise !== undefined ? { otherwise: spec.otherwise } : {}) };
    const values = raws.map((r) => transformSql(t, r, ctx, rules));
    let value = values.length === 0 ? 'NULL' : values.length === 1 ? values[0]! : `list_sum([${values.join(', ')}])`;
    if (spec.default !== undefined) value = `coalesce(${value}, ${transformSql(t, `CAST(${this.params.add(spec.default)} AS VARCHAR)`, ctx, rules)})`;
    value = `CAST(${value} AS ${def.sqlType})`;
    const strict = STRICT.has(t) && spec.on_error !== 'null';
    const required = forceRequired || spec.required === true;
    const checks = strict ? raws.map((raw, i) => ({ raw, value: values[i]! })) : [];
    const reason = strict ? (FAILURE_REASON[t] ?? 'cannot be converted') : '';
    return { name, value, checks, required, reason, agg: spec.agg ?? 'first', raw: raws[0] };
  }

  /** currency from the money column's symbol and the original UTC offset, when the mapping does not name them */
  private addImplied(specs: [string, FieldMapping][]): void {
    const own = canonicalTables[this.table].fields as Record<string, { sqlType: string }>;
    const has = (n: string) => specs.some(([k]) => k === n);
    if ('currency' in own && !has('currency')) {
      const money = specs.find(([k, f]) => own[k]?.sqlType === 'DECIMAL(18,4)' && f.column !== undefined && (f.transform ?? 'money') === 'money');
      const column = money && Array.isArray(money[1].column) && money[1].combine === 'sum' ? money[1].column[0] : money?.[1].column;
      specs.push(['currency', column !== undefined ? { column, transform: 'currency' } : { const: this.mapping.read?.currency ?? this.opts.currency, transform: 'currency' }]);
    }
    const placed = specs.find(([k]) => k === 'placed_at');
    if ('placed_at_offset' in own && !has('placed_at_offset') && placed?.[1].column !== undefined) {
      specs.push(['placed_at_offset', { ...placed[1], transform: 'tz_offset', format: undefined }]);
    }
  }

  filters(): string[] {
    const out: string[] = [];
    for (const c of asList(this.target.when_present)) out.push(`of_fold(${this.column(c) ?? 'NULL'}) IS NOT NULL`);
    for (const c of asList(this.target.when_absent)) out.push(`of_fold(${this.column(c) ?? 'NULL'}) IS NULL`);
    return out;
  }

  compile(source: string): Compiled {
    const key = new Set(this.target.key ?? []);
    const specs = targetFields(this.target);
    if (!specs.some(([n]) => n === 'platform')) specs.unshift(['platform', { const: this.mapping.platform }]);
    this.addImplied(specs);
    const fields = specs.map(([n, s]) => this.field(n, s, key.has(n)));
    const where = this.filters();
    const stage = this.fills.length ? `(SELECT s.*, ${this.fills.join(', ')} FROM ${source} s) s` : `${source} s`;
    const from = this.target.each
      ? `${stage}, (SELECT unnest(l) AS elem, generate_subscripts(l, 1) AS idx FROM (SELECT CASE json_type(json_extract(s.rec, ${this.params.add(jsonPath(this.target.each))})) WHEN 'ARRAY' THEN CAST(json_extract(s.rec, ${this.params.add(jsonPath(this.target.each) + '[*]')}) AS JSON[]) WHEN 'OBJECT' THEN [json_extract(s.rec, ${this.params.add(jsonPath(this.target.each))})] ELSE []::JSON[] END AS l)) e`
      : stage;
    return { fields, from, where, idx: this.target.each ? 'e.idx' : '0', fillDown: this.fills.length > 0 };
  }
}

export interface TargetPlan {
  table: CanonicalTable;
  fields: string[];
  key: string[];
  merge: boolean;
  /** rows can be inserted first and the failing records found and deleted after (see ingest.ts) */
  direct: boolean;
  /** compile this target's expressions with a fresh set of bound parameters (one per SQL statement), over the stage
   *  or over a subset of it */
  compile(params: Params, source?: string): Compiled;
}

export interface IngestPlan {
  targets: TargetPlan[];
}

export function planMapping(mapping: Mapping, staged: Staged, opts: PlanOptions): IngestPlan {
  const targets: TargetPlan[] = [];
  for (const [name, target] of Object.entries(mapping.targets)) {
    if (target === undefined) continue;
    if (!isCanonicalTable(name)) throw configError(`mapping ${mapping.name}: unknown target table "${name}"`);
    const compile = (params: Params, source: string = STAGE) => new TargetCompiler(name, target, mapping, staged, opts, params).compile(source);
    const probe = compile(new Params()); // configuration errors surface before anything runs
    const key = target.key ?? [];
    if (target.merge && key.length === 0) throw configError(`mapping ${mapping.name}: merge needs a key (${name})`, 'add key: [the field(s) naming the row] to the target');
    // a direct insert stores every record and deletes the failing ones after: only for targets where a record is one
    // row whose failures show as NULLs (no key, no each, no window over neighbours, no sum of parts, no derived line_no)
    const direct = key.length === 0 && !target.each && !probe.fillDown && !probe.fields.some((f) => f.checks.length > 1)
      && (name !== 'order_line' || probe.fields.some((f) => f.name === 'line_no'));
    targets.push({ table: name, fields: probe.fields.map((f) => f.name), key, merge: target.merge === true, direct, compile });
  }
  // with one target, a record's failure concerns that table only
  if (targets.length !== 1) for (const t of targets) t.direct = false;
  return { targets };
}

const where = (c: Compiled) => (c.where.length ? ` WHERE ${c.where.join(' AND ')}` : '');

export function createBadStep(): SqlStep {
  return step(`CREATE TEMP TABLE ${BAD} (__rec BIGINT, err ${ERR_TYPE}, ord INTEGER)`, [], BAD);
}

interface Checked {
  /** SELECT list: __rec, __idx, every field by name, and the raw/converted columns the checks read */
  cols: string[];
  /** (WHEN condition, error struct) per check, in field order */
  checks: [string, string][];
}

/** The converted fields of a target beside the checks that make a record fail: a strict field whose non-empty raw
 *  value does not convert, or a required field left empty. */
function checked(t: TargetPlan, c: Compiled, params: Params): Checked {
  const cols = ['s.__rec AS __rec', `${c.idx} AS __idx`, ...c.fields.map((f) => `${f.value} AS ${ident(f.name)}`)];
  const checks: [string, string][] = [];
  c.fields.forEach((f, i) => {
    const err = (value: string, reason: string) => `{'field': ${params.add(`${t.table}.${f.name}`)}, 'value': CAST(${value} AS VARCHAR), 'reason': ${params.add(reason)}}`;
    f.checks.forEach((chk, j) => {
      // a single-column field is checked on its own value; the parts of a sum each on theirs
      const v = f.checks.length === 1 ? ident(f.name) : `__v${i}_${j}`;
      if (f.checks.length > 1) cols.push(`${chk.value} AS ${v}`);
      cols.push(`${chk.raw} AS __r${i}_${j}`);
      checks.push([`${v} IS NULL AND nullif(trim(CAST(__r${i}_${j} AS VARCHAR)), '') IS NOT NULL`, err(`__r${i}_${j}`, f.reason)]);
    });
    if (f.required) {
      if (f.checks.length === 0) cols.push(`${f.raw ?? 'NULL'} AS __r${i}_0`);
      checks.push([`${ident(f.name)} IS NULL`, err(`__r${i}_0`, 'missing (required)')]);
    }
  });
  return { cols, checks };
}

/** Records of one target that fail (only those rows build an error struct); undefined when nothing can fail.
 *  `source` limits the search to some records of the stage (those a direct insert left out). */
export function badRecordsStep(t: TargetPlan, ord: number, source?: string): SqlStep | undefined {
  const params = new Params();
  const c = t.compile(params, source);
  const { cols, checks } = checked(t, c, params);
  if (checks.length === 0) return undefined;
  return compacted(
    `INSERT INTO ${BAD} SELECT __rec, err, ${ord} FROM (
       SELECT __rec, CASE ${checks.map(([w, e]) => `WHEN ${w} THEN ${e}`).join(' ')} END AS err FROM (SELECT ${cols.join(', ')} FROM ${c.from}${where(c)})
     ) WHERE err IS NOT NULL`,
    params.values,
  );
}

export const SUSPECT = workTable('suspect');

/** The records behind rows a direct insert stored with an empty checked field: only they can have failed a check
 *  (a value that does not convert is stored as NULL), so only they are checked again, against their raw values. */
export function suspectsStep(t: TargetPlan, fileId: number): SqlStep {
  const c = t.compile(new Params());
  const nullable = c.fields.filter((f) => f.checks.length > 0 || f.required).map((f) => `${ident(f.name)} IS NULL`);
  return step(
    `CREATE TEMP TABLE ${SUSPECT} AS SELECT source_row FROM ${ident(t.table)} WHERE source_file_id = $1 AND (${nullable.length ? nullable.join(' OR ') : 'false'})`,
    [fileId],
    SUSPECT,
  );
}
export const suspectRecords = `(SELECT s.* FROM ${STAGE} s SEMI JOIN ${SUSPECT} x ON s.__rec = x.source_row)`;

/** a direct insert stored every record: take the failing ones out again */
export function deleteBadStep(t: TargetPlan, fileId: number): SqlStep {
  return step(`DELETE FROM ${ident(t.table)} WHERE source_file_id = $1 AND source_row IN (SELECT __rec FROM ${BAD})`, [fileId]);
}

export function rejectInsertStep(fileId: number, shape: Staged['shape']): SqlStep {
  const raw = shape === 'json' ? 's.rec' : `CAST(json_merge_patch(to_json(s), '{"__rec": null}') AS VARCHAR)`;
  return step(
    `INSERT INTO reject SELECT $1, b.__rec, 'error', b.err.field, b.err.value, b.err.reason, ${raw}
     FROM (SELECT __rec, arg_min(err, ord) AS err FROM ${BAD} GROUP BY __rec) b JOIN ${STAGE} s USING (__rec) ORDER BY b.__rec`,
    [fileId],
  );
}

/** content hash of the mapped values: the 64-bit engine hash, stored as UBIGINT (identity of a row, not a security
 *  hash; as a 16-digit hex string it cost 7 % of the ingest's CPU: the formatting and the storing of random text) */
function hashOf(cols: readonly string[]): string {
  return `hash(${cols.join(', ')})`;
}

function aggregate(f: string, agg: Agg): string {
  const c = ident(f);
  switch (agg) {
    case 'first': return `arg_min(${c}, __rec) FILTER (WHERE ${c} IS NOT NULL) AS ${c}`;
    case 'last': return `arg_max(${c}, __rec) FILTER (WHERE ${c} IS NOT NULL) AS ${c}`;
    case 'sum': return `sum(${c}) AS ${c}`;
    case 'min': return `min(${c}) AS ${c}`;
    case 'max': return `max(${c}) AS ${c}`;
  }
}

/** The SELECT producing the canonical rows of a target from the stage: every record, or those not in BAD. */
function rowsSelect(t: TargetPlan, params: Params, fileId: number, baseCurrency: string, skipBad: boolean): { columns: string[]; sql: string } {
  const c = t.compile(params);
  const inner = `SELECT s.__rec AS __rec, ${c.idx} AS __idx, ${c.fields.map((f) => `${f.value} AS ${ident(f.name)}`).join(', ')} FROM ${c.from}${where(c)}`;
  const good = skipBad ? `(${inner}) p ANTI JOIN ${BAD} b ON p.__rec = b.__rec` : `(${inner}) p`;
  let src: string;
  if (t.key.length === 0) src = `SELECT p.* FROM ${good}`;
  else {
    // one row per key; each field by its aggregate (the first non-empty value in file order by default)
    const aggs = c.fields.map((f) => (t.key.includes(f.name) ? ident(f.name) : aggregate(f.name, f.agg)));
    src = `SELECT ${aggs.join(', ')}, min(p.__rec) AS __rec, 0 AS __idx FROM ${good} GROUP BY ${t.key.map(ident).join(', ')}`;
  }
  const derived = insertDerived(t.table, t.fields, params, baseCurrency);
  const sel = [
    ...derived.columns.map((d) => `${d.expr} AS ${ident(d.name)}`),
    `${params.add(fileId)} AS source_file_id`, 'r.__rec AS source_row', `${hashOf(t.fields.map((f) => `r.${ident(f)}`))} AS row_hash`,
  ];
  return {
    columns: [...derived.columns.map((d) => d.name), 'source_file_id', 'source_row', 'row_hash'],
    sql: `SELECT ${sel.join(', ')} FROM (${src}) r${derived.join}${t.key.length ? ' ORDER BY r.__rec' : ''}`,
  };
}

/** Insert a target's accepted rows; with merge, stored rows of the same key get their empty fields filled instead. */
export function canonicalInsertSteps(t: TargetPlan, fileId: number, baseCurrency: string, skipBad: boolean): SqlStep[] {
  const params = new Params();
  const { columns, sql } = rowsSelect(t, params, fileId, baseCurrency, skipBad);
  const cols = columns.map(ident).join(', ');
  if (!t.merge) return [compacted(`INSERT INTO ${ident(t.table)} (${cols}) ${sql}`, params.values)];
  const k = keyedWork(t.table);
  const match = [...new Set(['platform', ...t.key])].map((c) => `${ident(t.table)}.${ident(c)} = k.${ident(c)}`).join(' AND ');
  const fill = t.fields.filter((f) => f !== 'platform' && !t.key.includes(f)).map((f) => `${ident(f)} = coalesce(${ident(t.table)}.${ident(f)}, k.${ident(f)})`);
  return [
    compacted(`CREATE TEMP TABLE ${k} AS ${sql}`, params.values, k),
    ...(fill.length ? [step(`UPDATE ${ident(t.table)} SET ${fill.join(', ')} FROM ${k} k WHERE ${match}`)] : []),
    step(`INSERT INTO ${ident(t.table)} (${cols}) SELECT ${columns.map((c) => `k.${ident(c)}`).join(', ')} FROM ${k} k WHERE NOT EXISTS (SELECT 1 FROM ${ident(t.table)} WHERE ${match}) ORDER BY k.source_row`),
    step(`DROP TABLE ${k}`),
  ];
}
