// Phones to E.164 with libphonenumber-js: CN mobiles, NANP and European numbers written any way exports write them.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** E.164 form (+8613812345678), or null for masked (138****5678), empty or impossible numbers.
 *  Without a '+' the region is guessed: 11 digits 1[3-9]… is a CN mobile, else `defaultCountry` (US when none). */
export function phoneE164(text: string | null | undefined, defaultCountry?: string): string | null {
  if (text === null || text === undefined) return null;
  const s = text.normalize('NFKC').trim().replace(/^'+/, '');
  if (s === '' || s.includes('*')) return null;
  const digits = s.replace(/[^\d+]/g, '');
  let country = (defaultCountry ?? 'US').toUpperCase() as CountryCode;
  let input = s;
  if (digits.startsWith('00')) input = '+' + digits.slice(2);
  else if (!digits.startsWith('+')) {
    if (/^1[3-9]\d{9}$/.test(digits)) country = 'CN';
    else if (/^861[3-9]\d{9}$/.test(digits)) input = '+' + digits;
  }
  try {
    const p = parsePhoneNumberFromString(input, country);
    return p && p.isPossible() ? p.number : null;
  } catch {
    return null;
  }
}

/** The fragment masked exports keep (first 3 + last 4 digits of the national number: 138****5678), for linking
 *  a masked phone against a full one without either in clear. */
export function phoneFragment(text: string | null | undefined, defaultCountry?: string): string | null {
  if (text === null || text === undefined) return null;
  const masked = text.normalize('NFKC').replace(/\s/g, '').match(/^(?:\+?86)?(\d{3})\*{4}(\d{4})$/);
  if (masked) return `${masked[1]}****${masked[2]}`;
  const e164 = phoneE164(text, defaultCountry);
  if (e164 === null) return null;
  const national = e164.startsWith('+86') ? e164.slice(3) : e164.startsWith('+1') ? e164.slice(2) : e164.replace(/^\+\d{2}/, '');
  return national.length >= 7 ? `${national.slice(0, 3)}****${national.slice(-4)}` : null;
}
