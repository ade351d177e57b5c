// Tables that describe the ingest itself: files, rejects and exchange rates.
import { f, type Fields } from './fields.js';

export const sourceFileFields = {
  id: f.int(),
  path: f.text(),
  sha256: f.text(),
  size_bytes: f.int(),
  platform: f.text(),
  kind: f.text(),
  connector: f.text(),
  format: f.text(),
  encoding: f.text(),
  delimiter: f.text(),
  ingested_at: f.ts(),
  rows_read: f.int(),
  rows_accepted: f.int(),
  rows_rejected: f.int(),
  rows_skipped: f.int('known non-data lines (report footers): stored in reject with severity skipped'),
  seconds: f.num(),
} satisfies Fields;

export const rejectFields = {
  source_file_id: f.int(),
  source_row: f.int(),
  severity: f.text('error: bad data; skipped: a known non-data line (footer, summary)'),
  field: f.text(),
  value: f.text(),
  reason: f.text(),
  raw: f.text('the raw record as JSON or text'),
} satisfies Fields;

export const fxRateFields = {
  currency: f.text(),
  base: f.text(),
  rate: f.rate('1 unit of currency = rate units of base'),
  as_of: f.date(),
  source: f.text(),
} satisfies Fields;
