// Raw records kept for rejects must not hold personal data in clear: e-mails become keyed hashes, and fields
// named like names, addresses and phones are masked. Ingest calls this before a reject row is written.
import type { Backend } from '../store/backend.js';
import { step } from '../store/sql.js';
import { hmacHex } from './hmac.js';
import { normaliseEmail } from './email.js';
import { maskName, maskPhone, maskText } from './mask.js';
import { mapRawRecord } from './raw-record.js';

const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_FIELD = /(phone|mobile|tel\b|telephone|téléphone|手机|电话|联系方式)/i;
const NAME_FIELD = /(^|[^a-z])(name|nom|buyer|recipient|first_name|last_name|nickname|姓名|收货人|联系人|买家会员名|下单帐号)([^a-z]|$)/i;
const ADDRESS_FIELD = /(address|street|adresse|rue|line1|line2|address1|address2|地址|街道|详细)/i;
const ID_FIELD = /(id|number|编号|单号|sku|code)$/i;

/** Redact one value by its field name; e-mails anywhere in any text become `email:<hash prefix>`. */
export function redactValue(key: Buffer, field: string, value: string): string {
  const f = field.toLowerCase();
  if (ADDRESS_FIELD.test(f)) return maskText(value) ?? '';
  if (PHONE_FIELD.test(f)) return maskPhone(value) ?? '';
  if (NAME_FIELD.test(f) && !f.includes('product') && !f.includes('item') && !f.includes('shop') && !f.includes('商品') && !ID_FIELD.test(f)) {
    return value.includes('@') ? redactEmails(key, value) : (maskName(value) ?? '');
  }
  return redactEmails(key, value);
}

function redactEmails(key: Buffer, text: string): string {
  return text.replace(EMAIL_IN_TEXT, (m) => `email:${(hmacHex(key, normaliseEmail(m) ?? m) ?? '').slice(0, 12)}`);
}

/** Redact a raw record as ingest stores it (JSON text, else plain text). */
export function redactRaw(key: Buffer, raw: string | null): string | null {
  return raw === null ? null : mapRawRecord(raw, (field, text) => redactValue(key, field, text));
}

/** Redact the reject rows of one file (or all files) in place; runs inside the caller's transaction, so ingest
 *  commits a file's rejects only once they are redacted. */
export async function redactFileRejects(db: Backend, key: Buffer, fileId?: number): Promise<number> {
  const rows = await db.all<{ rid: number | bigint; field: string | null; value: string | null; raw: string | null }>(step(
    `SELECT rowid AS rid, field, value, raw FROM reject WHERE (raw IS NOT NULL OR value IS NOT NULL)${fileId === undefined ? '' : ' AND source_file_id = $1'}`,
    fileId === undefined ? [] : [fileId]));
  let changed = 0;
  for (const r of rows) {
    const raw = redactRaw(key, r.raw);
    const value = r.value === null ? null : redactValue(key, r.field ?? '', r.value);
    if (raw === r.raw && value === r.value) continue;
    // rowid as a bigint: rows of the open transaction have ids above 2^62, which a Number would round
    await db.run(step('UPDATE reject SET raw = $1, value = $2 WHERE rowid = $3', [raw, value, BigInt(r.rid)]));
    changed++;
  }
  return changed;
}

/** Redact every reject row's raw record and value in place (for databases ingested before ingest redacted). */
export async function redactRejects(db: Backend, key: Buffer): Promise<number> {
  return db.transaction(() => redactFileRejects(db, key));
}
