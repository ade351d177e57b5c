// Ingest-side privacy helpers: e-mail and phone normalisation, keyed hashes equal to the SQL macro, masking,
// relay addresses, sealing, pinyin-aware name tokens, raw-record redaction.
import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { normaliseEmail, isRelayEmail } from '../../src/privacy/email.js';
import { phoneE164, phoneFragment } from '../../src/privacy/phone.js';
import { emailHash, hmacHex, nameTokenHashes, phoneFragmentHash, phoneHash } from '../../src/privacy/hmac.js';
import { maskEmail, maskName, maskPhone } from '../../src/privacy/mask.js';
import { seal, unseal } from '../../src/privacy/seal.js';
import { nameKey, nameTokens, storedNameTokens } from '../../src/privacy/name-tokens.js';
import { PHONE_REGIONS } from '../../src/store/duckdb/macros.js';
import { redactRaw } from '../../src/privacy/redact.js';
import { hmacPads } from '../../src/privacy/key.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

const KEY = Buffer.alloc(32, 7);

describe('e-mail', () => {
  it('trims and lower-cases; provider rules are an option', () => {
    expect(normaliseEmail('  John.Smith+Deals@GMail.com ')).toBe('john.smith+deals@gmail.com');
    expect(normaliseEmail('John.Smith+Deals@GMail.com', { providerRules: true })).toBe('johnsmith@gmail.com');
    expect(normaliseEmail('j.smith+x@example.com', { providerRules: true })).toBe('j.smith+x@example.com');
    expect(normaliseEmail('not an email')).toBeNull();
    expect(normaliseEmail('')).toBeNull();
  });
  it('recognises marketplace relay addresses', () => {
    expect(isRelayEmail('054ar06hb2b0ld3@marketplace.amazon.com')).toBe(true);
    expect(isRelayEmail('x1@Marketplace.Amazon.DE')).toBe(true);
    expect(isRelayEmail('abc@privaterelay.appleid.com')).toBe(true);
    expect(isRelayEmail('john@amazon.com')).toBe(false);
    expect(isRelayEmail('john@gmail.com')).toBe(false);
  });
});

describe('phones to E.164', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ["'13812345678", '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    ['+1 (555) 010-1234', '+15550101234'],
    ['555.010.1234', '+15550101234'],
    ['(555) 010-1234', '+15550101234'],
  ])('%s → %s', (input, e164) => expect(phoneE164(input)).toBe(e164));
  it('uses the default country for national numbers and refuses masked ones', () => {
    expect(phoneE164('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(phoneE164('138****5678')).toBeNull();
    expect(phoneE164('12')).toBeNull();
    expect(phoneE164(null)).toBeNull();
  });
  it('keeps the fragment masked exports show, from either side', () => {
    expect(phoneFragment('+86 138 1234 5678')).toBe('138****5678');
    expect(phoneFragment('138****5678')).toBe('138****5678');
  });
});

describe('keyed hashes', () => {
  it('equal the of_hmac macro ingest uses', async () => {
    const s = await tempStore();
    try {
      const pads = hmacPads(KEY);
      const r = await s.db.one<{ h: string }>(step('SELECT of_hmac($1, $2, of_email_norm($3)) AS h', [pads.ipad, pads.opad, ' Jane.Doe@Example.COM ']));
      expect(r?.h).toBe(emailHash(KEY, ' Jane.Doe@Example.COM '));
      const p = await s.db.one<{ h: string }>(step('SELECT of_hmac($1, $2, of_phone_e164($3)) AS h', [pads.ipad, pads.opad, '+86 138 1234 5678']));
      expect(p?.h).toBe(phoneHash(KEY, '13812345678'));
    } finally {
      await s.done();
    }
  });
  it('national numbers with the record country: the SQL macro equals phoneE164, for every region it knows', async () => {
    const s = await tempStore();
    try {
      const pads = hmacPads(KEY);
      const cases: [string, string | null][] = [
        ['06 12 34 56 78', 'FR'], ['+33 6 12 34 56 78', 'FR'], ["'0799810817", 'FR'], ['612345678', 'fr'], ['07911 123456', 'GB'],
        ['020 7946 0958', 'GB'], ['030 12345678', 'DE'], ['912 345 678', 'ES'], ['0412 345 678', 'AU'], ['044 668 18 00', 'CH'],
        ['0612345678', 'NL'], ['03-1234-5678', 'JP'], ['9123 4567', 'SG'], ['010-12345678', 'CN'], ['13812345678', 'FR'],
        ['555.010.1234', 'US'], ['(555) 010-1234', null], ['+86 138 1234 5678', null], ['138****5678', 'CN'], ['0612345678', 'XX'],
      ];
      for (const [phone, country] of cases) {
        const r = await s.db.one<{ h: string | null; f: string | null }>(step('SELECT of_hmac($1, $2, of_phone_e164_in($3, $4)) AS h, of_hmac($1, $2, of_phone_fragment($3, $4)) AS f', [pads.ipad, pads.opad, phone, country]));
        expect([phone, country, r?.h]).toEqual([phone, country, phoneHash(KEY, phone, country ?? undefined)]);
        expect([phone, country, r?.f]).toEqual([phone, country, phoneFragmentHash(KEY, phone, country ?? undefined)]);
      }
      // French national numbers used to hash to nothing; they must now hash, and alike in every written form
      expect(phoneHash(KEY, '06 12 34 56 78', 'FR')).toBe(phoneHash(KEY, '+33 6 12 34 56 78'));
      expect(phoneFragmentHash(KEY, '138****5678')).toBe(phoneFragmentHash(KEY, '+86 138 1234 5678'));
      // PHONE_REGIONS against libphonenumber's metadata: every length the rule accepts is a possible one there, with
      // the same calling code and trunk prefix (libphonenumber also allows lengths of short and special numbers,
      // which the rule leaves out)
      for (const [country, , trunk, lens] of PHONE_REGIONS) {
        for (const len of lens) {
          const national = (trunk ? '0' : '') + '2'.repeat(len - 1) + '3';
          const r = await s.db.one<{ e: string | null }>(step('SELECT of_phone_e164_in($1, $2) AS e', [national, country]));
          const lib = parsePhoneNumberFromString(national, country as CountryCode);
          expect([country, len, r?.e]).toEqual([country, len, lib?.isPossible() ? lib.number : 'not possible']);
        }
      }
    } finally {
      await s.done();
    }
  });
  it('name tokens: the SQL macro equals nameTokenHashes; masked names give none', async () => {
    const s = await tempStore();
    try {
      const pads = hmacPads(KEY);
      for (const name of ['张伟', '欧阳娜娜', 'Zoé Lefèvre', 'ZHANG Wei', ' Jean-Luc  Picard ', '王**', 'J*** S***', null]) {
        const r = await s.db.one<{ h: string | null }>(step('SELECT of_name_tokens($1, $2, $3) AS h', [pads.ipad, pads.opad, name]));
        expect([name, r?.h ?? null]).toEqual([name, nameTokenHashes(KEY, name)]);
      }
      expect(storedNameTokens('Zhang Wei')).toEqual(['zhang', 'wei']);
      expect(storedNameTokens('欧阳娜娜')).toEqual(['欧阳', '娜娜']);
      expect(nameTokenHashes(KEY, 'Wei Zhang')).toBe(nameTokenHashes(KEY, 'ZHANG wei'));
      expect(nameTokenHashes(KEY, 'Wei Zhang')).not.toContain('zhang');
      expect(nameTokenHashes(KEY, 'Wei Zhang')).not.toBe(nameTokenHashes(Buffer.alloc(32, 8), 'Wei Zhang'));
    } finally {
      await s.done();
    }
  });
  it('depend on the key', () => {
    expect(hmacHex(KEY, 'a')).not.toBe(hmacHex(Buffer.alloc(32, 8), 'a'));
  });
});

describe('masking', () => {
  it('masks e-mails, phones and names as every output shows them', () => {
    expect(maskEmail('john.smith@example.com')).toBe('j***@e***.com');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('John Smith')).toBe('J*** S***');
  });
});

describe('--keep-pii sealing (AES-256-GCM)', () => {
  it('round-trips, differs per call, and refuses a wrong key or an edit', () => {
    const a = seal(KEY, '42 Oak Street')!;
    const b = seal(KEY, '42 Oak Street')!;
    expect(a).not.toBe(b);
    expect(a).not.toContain('Oak');
    expect(unseal(KEY, a)).toBe('42 Oak Street');
    expect(() => unseal(Buffer.alloc(32, 9), a)).toThrow(/does not decrypt/);
    const parts = a.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    expect(() => unseal(KEY, [parts[0], parts[1], parts[2], body.toString('base64')].join(':'))).toThrow(/does not decrypt/);
  });
});

describe('pinyin-aware names', () => {
  it('张伟 ≈ Zhang Wei ≈ Wei Zhang ≈ ZHANG WEI', () => {
    const k = nameKey('张伟');
    expect(k).toBe('wei zhang');
    for (const n of ['Zhang Wei', 'Wei Zhang', 'ZHANG WEI', ' zhang  wei ']) expect(nameKey(n)).toBe(k);
    expect(nameKey('王伟')).not.toBe(k);
  });
  it('keeps compound surnames and multi-syllable given names whole', () => {
    expect(nameTokens('欧阳娜娜')).toEqual(['nana', 'ouyang']);
    expect(nameTokens('李晓明')).toEqual(['li', 'xiaoming']);
    expect(nameTokens('Xiaoming Li')).toEqual(['li', 'xiaoming']);
    expect(nameTokens('Zoé Lefèvre')).toEqual(['lefevre', 'zoe']);
  });
});

describe('raw-record redaction (for reject.raw)', () => {
  it('leaves no e-mail, phone, name or street in clear', () => {
    const raw = JSON.stringify({ 'Order Number': '10-00024-22417', 'Buyer Name': 'Jules Garcia', 'Buyer Email': 'julesgarcia@gmail.com', 'Buyer Address 1': '4568 Oak Dr.', 'Ship To Phone': '+1 (555) 010-1234', Note: 'mail me at jg@x.org', 收货人姓名: '张伟', 收货地址: '北京市朝阳区建国路1号', 联系手机: '13812345678', Total: '$12.00' });
    const out = redactRaw(KEY, raw)!;
    for (const v of ['Jules Garcia', 'julesgarcia@gmail.com', '4568 Oak', '010-1234', 'jg@x.org', '张伟', '建国路', '13812345678']) expect(out).not.toContain(v);
    const o = JSON.parse(out) as Record<string, string>;
    expect(o['Order Number']).toBe('10-00024-22417');
    expect(o.Total).toBe('$12.00');
    expect(o['Buyer Name']).toBe('J*** G***');
    expect(o['联系手机']).toBe('138****5678');
  });
});

