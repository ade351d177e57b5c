// Masking of personal data in API responses for callers without the pii scope.
import { maskEmail } from '../privacy/mask.js';
import { mapRawRecord } from '../privacy/raw-record.js';

/** "barbara.w@gmail.com" → "b***@g***.com", "U1000150" → "U1******", "张三" → "张*" */
export function maskId(v: string | null): string | null {
  if (v === null || v === '') return v;
  if (v.includes('@')) return maskEmail(v);
  const chars = [...v];
  const keep = chars.length <= 2 ? 1 : 2;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(1, chars.length - keep));
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+?\d[\d ().-]{7,}\d/g;
const DATE_LIKE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}/;

/** a phone number: 10 to 15 digits, not a date; order ids and amounts are left alone */
const looksLikePhone = (m: string) => {
  const digits = m.replace(/\D/g, '').length;
  return digits >= 10 && digits <= 15 && !DATE_LIKE.test(m.replace(/^\+/, ''));
};

/** Free text (a raw rejected record): e-mail addresses and phone-like numbers become masks. */
export function maskText(v: string | null): string | null {
  if (v === null) return v;
  return v.replace(EMAIL, (m) => maskId(m) ?? '').replace(PHONE, (m) => (looksLikePhone(m) ? m.replace(/\d(?=[\d ().-]*\d{2})/g, '•') : m));
}

const PII_KEY = /e-?mail|phone|mobile|tel|name|address|addr|street|zip|postcode|postal|buyer|customer|收货|手机|电话|地址|姓名|买家|会员|联系/i;
const SAFE_KEY = /product|item|title|sku|listing|brand|category|status|currency|price|total|qty|quantity|date|time|商品|宝贝|价格|状态/i;

/** A raw record as stored in reject.raw: JSON objects have personal fields masked by name, other text by pattern. */
export function maskRaw(raw: string | null): string | null {
  if (raw === null) return raw;
  return mapRawRecord(raw, (field, text) => (PII_KEY.test(field) && !SAFE_KEY.test(field) ? maskId(text) ?? '' : maskText(text) ?? ''));
}
