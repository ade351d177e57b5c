// Compile a mapping into SQL steps over the staging table: project each target, collect rejects, insert.
import { canonicalTables, isCanonicalTable, type CanonicalTable } from '../model/canonical.js';
import { FAILURE_REASON, STRICT, DEFAULT_DATE_FORMATS, defaultTransform, transformSql, type TransformContext } from '../clean/transforms.js';
import { resolveColumn } from '../connectors/header.js';
import { targetFields, type FieldMapping, type Mapping, type TargetMapping } from '../connectors/mapping.js';
import { ident, step, workTable, type SqlStep } from '../store/sql.js';
import { configError } from '../util/errors.js';
import { Params } from './params.js';
import { STAGE, type Staged } from './staging.js';

export const BAD = workTable('bad');
export const projected = (t: CanonicalTable) => workTable(`p_${t}`);

export interface PlanOptions {
  fileId: number;
  fileName: string;
  hmac: { ipad: string; opad: string };
  timezone: string;
  currency: string;
}

interface CompiledField {
  name: string;
  raw: string | undefined;
  value: string;
  /** a non-empty raw value that fails conversion rejects the record */
  strict: boolean;
  required: boolean;
  reason: string;
}

function jsonPath(path: string): string {
  return '$.' + path.split('.').map((seg) => `"${seg.replaceAll('"', '\\"')}"`).join('.');
}

class TargetCompiler {
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
    };
  }

  /** SQL for one source column: a staging column, or a JSON path (relative to the `each` element). */
  column(name: string): string | undefined {
    if (this.staged.shape === 'json') {
      if (name.startsWith('$.')) return `json_extract_string(s.rec, ${this.params.add(jsonPath(name.slice(2)))})`;
      const base = this.target.each ? 'e.elem' : 's.rec';
      return `json_extract_string(${base}, ${this.params.add(jsonPath(name))})`;
    }
    const h = resolveColumn(this.staged.columns, name);
    return h === undefined ? undefined : `s.${ident(h)}`;
  }

  raw(field: FieldMapping, fieldName: string): string | undefined {
    if (field.const !== undefined) return `CAST(${this.params.add(field.const)} AS VARCHAR)`;
    if (field.column === undefined) return undefined;
    const names = Array.isArray(field.column) ? field.column : [field.column];
    const present = names.map((n) => this.column(n)).filter((c): c is string => c !== undefined);
    if (present.length === 0) {
      if (field.required) {
        throw configError(
          `${this.opts.fileName}: column ${names.map((n) => `"${n}"`).join(' / ')} for ${this.table}.${fieldName} is not in the header (mapping ${this.mapping.name})`,
          `the header has: ${this.staged.columns.slice(0, 40).join(', ')}; fix the column name in the mapping file`,
        );
      }
      return undefined;
    }
    return present.length === 1 ? present[0] : `coalesce(${present.map((p) => `of_fold(${p})`).join(', ')})`;
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
    const raw = this.raw(spec, name);
    const ctx = this.ctx(spec);
    let value = raw === undefined ? 'NULL' : transformSql(t, raw, ctx, spec.map);
    if (spec.default !== undefined) value = `coalesce(${value}, ${transformSql(t, `CAST(${this.params.add(spec.default)} AS VARCHAR)`, ctx, spec.map)})`;
    value = `CAST(${value} AS ${def.sqlType})`;
    const strict = STRICT.has(t) && spec.on_error !== 'null';
    const required = forceRequired || spec.required === true;
    const failing = raw !== undefined && strict;
    const reason = failing ? (FAILURE_REASON[t] ?? 'cannot be converted') : '';
    return { name, raw, value, strict: failing, required, reason };
  }

  /** currency from the money column's symbol and the original UTC offset, when the mapping does not name them */
  private addImplied(specs: [string, FieldMapping][]): void {
    const own = canonicalTables[this.table].fields as Record<string, { sqlType: string }>;
    const has = (n: string) => specs.some(([k]) => k === n);
    if ('currency' in own && !has('currency')) {
      const money = specs.find(([k, f]) => own[k]?.sqlType === 'DECIMAL(18,4)' && f.column !== undefined && (f.transform ?? 'money') === 'money');
      specs.push(['currency', money ? { column: money[1].column!, transform: 'currency' } : { const: this.mapping.read?.currency ?? this.opts.currency, transform: 'currency' }]);
    }
    const placed = specs.find(([k]) => k === 'placed_at');
    if ('placed_at_offset' in own && !has('placed_at_offset') && placed?.[1].column !== undefined) {
      specs.push(['placed_at_offset', { ...placed[1], transform: 'tz_offset', format: undefined }]);
    }
  }

  filters(): string[] {
    const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const out: string[] = [];
    for (const c of list(this.target.when_present)) out.push(`of_fold(${this.column(c) ?? 'NULL'}) IS NOT NULL`);
    for (const c of list(this.target.when_absent)) out.push(`of_fold(${this.column(c) ?? 'NULL'}) IS NULL`);
    return out;
  }

  compile(): { projection: SqlStep; fields: string[] } {
    const key = new Set(this.target.key ?? []);
    const specs = targetFields(this.target);
    if (!specs.some(([n]) => n === 'platform')) specs.unshift(['platform', { const: this.mapping.platform }]);
    this.addImplied(specs);
    const fields = specs.map(([n, s]) => this.field(n, s, key.has(n)));
    const from = this.target.each
      ? `${STAGE} s, (SELECT unnest(l) AS elem, generate_subscripts(l, 1) AS idx FROM (SELECT CASE json_type(json_extract(s.rec, ${this.params.add(jsonPath(this.target.each))})) WHEN 'ARRAY' THEN CAST(json_extract(s.rec, ${this.params.add(jsonPath(this.target.each) + '[*]')}) AS JSON[]) WHEN 'OBJECT' THEN [json_extract(s.rec, ${this.params.add(jsonPath(this.target.each))})] ELSE []::JSON[] END AS l)) e`
      : `${STAGE} s`;
    const where = this.filters();
    const inner = [
      's.__rec AS __rec',
      `${this.target.each ? 'e.idx' : '0'} AS __idx`,
      ...fields.map((f, i) => `${f.raw ?? 'NULL'} AS __r${i}`),
      ...fields.map((f) => `${f.value} AS ${ident(f.name)}`),
    ];
    const errs: string[] = [];
    fields.forEach((f, i) => {
      const err = (reason: string) => `{'field': ${this.params.add(`${this.table}.${f.name}`)}, 'value': CAST(__r${i} AS VARCHAR), 'reason': ${this.params.add(reason)}}`;
      if (f.strict) errs.push(`WHEN ${ident(f.name)} IS NULL AND nullif(trim(CAST(__r${i} AS VARCHAR)), '') IS NOT NULL THEN ${err(f.reason)}`);
      if (f.required) errs.push(`WHEN ${ident(f.name)} IS NULL THEN ${err('missing (required)')}`);
    });
    const errExpr = errs.length ? `CASE ${errs.join(' ')} END` : `CAST(NULL AS STRUCT(field VARCHAR, value VARCHAR, reason VARCHAR))`;
    const sql = `CREATE TEMP TABLE ${projected(this.table)} AS
      SELECT __rec, __idx, ${fields.map((f) => ident(f.name)).join(', ')}, ${errExpr} AS __err
      FROM (SELECT ${inner.join(', ')} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''})`;
    return { projection: step(sql, this.params.values, projected(this.table)), fields: fields.map((f) => f.name) };
  }
}

export interface TargetPlan {
  table: CanonicalTable;
  fields: string[];
  key: string[];
}

export interface IngestPlan {
  projections: SqlStep[];
  targets: TargetPlan[];
}

export function planMapping(mapping: Mapping, staged: Staged, opts: PlanOptions): IngestPlan {
  const projections: SqlStep[] = [];
  const targets: TargetPlan[] = [];
  for (const [name, target] of Object.entries(mapping.targets)) {
    if (target === undefined) continue;
    if (!isCanonicalTable(name)) throw configError(`mapping ${mapping.name}: unknown target table "${name}"`);
    const params = new Params();
    const { projection, fields } = new TargetCompiler(name, target, mapping, staged, opts, params).compile();
    projections.push(projection);
    targets.push({ table: name, fields, key: target.key ?? [] });
  }
  return { projections, targets };
}

/** Records failing any target: the first failure per record is kept as the reason. */
export function badRecordsStep(targets: readonly TargetPlan[]): SqlStep {
  const parts = targets.map((t, i) => `SELECT __rec, __err, ${i} AS ord FROM ${projected(t.table)} WHERE __err IS NOT NULL`);
  const body = parts.length ? parts.join(' UNION ALL ') : 'SELECT NULL::BIGINT AS __rec, NULL::STRUCT(field VARCHAR, value VARCHAR, reason VARCHAR) AS __err, 0 AS ord WHERE false';
  return step(`CREATE TEMP TABLE ${BAD} AS SELECT __rec, arg_min(__err, ord) AS err FROM (${body}) GROUP BY __rec`, [], BAD);
}

export function rejectInsertStep(fileId: number, shape: Staged['shape']): SqlStep {
  const raw = shape === 'json' ? 's.rec' : `CAST(json_merge_patch(to_json(s), '{"__rec": null}') AS VARCHAR)`;
  return step(
    `INSERT INTO reject SELECT $1, b.__rec, 'error', b.err.field, b.err.value, b.err.reason, ${raw}
     FROM ${BAD} b JOIN ${STAGE} s USING (__rec) ORDER BY b.__rec`,
    [fileId],
  );
}

/** content hash of the mapped values: 64-bit engine hash as hex (identity of a row, not a security hash) */
function hashOf(cols: readonly string[]): string {
  return `printf('%016x', hash(${cols.join(', ')}))`;
}

export function canonicalInsertStep(t: TargetPlan, fileId: number): SqlStep {
  const p = projected(t.table);
  const extra: string[] = [];
  if (t.table === 'order_line' && !t.fields.includes('line_no')) extra.push('line_no');
  const cols = [...t.fields, ...extra];
  if (t.key.length === 0) {
    const sel = [
      ...t.fields.map((f) => `p.${ident(f)}`),
      ...(extra.includes('line_no') ? ['row_number() OVER (PARTITION BY p.platform, p.platform_order_id ORDER BY p.__rec, p.__idx)'] : []),
    ];
    return step(
      `INSERT INTO ${ident(t.table)} (${[...cols, 'source_file_id', 'source_row', 'row_hash'].map(ident).join(', ')})
       SELECT ${sel.join(', ')}, $1, p.__rec, ${hashOf(t.fields.map((f) => `p.${ident(f)}`))}
       FROM ${p} p ANTI JOIN ${BAD} b ON p.__rec = b.__rec`,
      [fileId],
    );
  }
  // one row per key: the first non-empty value of each field, in file order
  const keyCols = t.key.map(ident);
  const aggs = t.fields.map((f) => (t.key.includes(f) ? ident(f) : `arg_min(${ident(f)}, __rec) FILTER (WHERE ${ident(f)} IS NOT NULL) AS ${ident(f)}`));
  const sel = [...t.fields.map(ident), ...(extra.includes('line_no') ? ['row_number() OVER (PARTITION BY platform, platform_order_id ORDER BY __rec)'] : [])];
  return step(
    `INSERT INTO ${ident(t.table)} (${[...cols, 'source_file_id', 'source_row', 'row_hash'].map(ident).join(', ')})
     SELECT ${sel.join(', ')}, $1, __rec, ${hashOf(t.fields.map(ident))}
     FROM (SELECT ${aggs.join(', ')}, min(p.__rec) AS __rec FROM ${p} p ANTI JOIN ${BAD} b ON p.__rec = b.__rec GROUP BY ${keyCols.join(', ')})
     ORDER BY __rec`,
    [fileId],
  );
}
