// CREATE TABLE statements generated from the field declarations in src/model.
import { type Fields } from '../model/fields.js';
import { canonicalTableNames, tableFields } from '../model/canonical.js';
import { fxRateFields, rejectFields, sourceFileFields } from '../model/bookkeeping.js';
import { ident, step, type SqlStep } from './sql.js';

export function createTable(name: string, fields: Fields, extra = ''): SqlStep {
  const cols = Object.entries(fields).map(([c, spec]) => `${ident(c)} ${spec.sqlType}${spec.compression ? ` USING COMPRESSION ${spec.compression}` : ''}`);
  return step(`CREATE TABLE IF NOT EXISTS ${ident(name)} (${[...cols, ...(extra ? [extra] : [])].join(', ')})`);
}

export function baseSchema(): SqlStep[] {
  return [
    step('CREATE SEQUENCE IF NOT EXISTS source_file_seq START 1'),
    createTable('source_file', sourceFileFields),
    createTable('reject', rejectFields),
    createTable('fx_rate', fxRateFields),
    ...canonicalTableNames.map((t) => createTable(t, tableFields(t))),
  ];
}
