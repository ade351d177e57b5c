// The cleaning rules, value by value, run in the real engine (the macros are what ingest uses).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { step } from '../src/store/sql.js';
import { tempStore } from './support/db.js';

let s: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => { s = await tempStore(); });
afterAll(async () => { await s.done(); });

const one = async (sql: string, ...params: (string | null)[]) => (await s.db.one<{ v: unknown }>(step(`SELECT ${sql} AS v`, params)))?.v;

describe('money', () => {
  const cases: [string, string | null, string][] = [
    ['$1,433.66', '1433.6600', 'USD'],
    ['EUR 90,00', '90.0000', 'EUR'],
    ['1 234,50 €', '1234.5000', 'EUR'],
    ['1.234,50 €', '1234.5000', 'EUR'],
    ['¥99', '99.0000', 'CNY'],
    ['99元', '99.0000', 'CNY'],
    ['128.00元', '128.0000', 'CNY'],
    ['15.00 USD', '15.0000', 'USD'],
    ['£1,000', '1000.0000', 'GBP'],
    ['(12.50)', '-12.5000', 'USD'],
    ['-3.2', '-3.2000', 'USD'],
    ['１２３．５', '123.5000', 'USD'],
    ['0,99', '0.9900', 'USD'],
    ['1.234.567', '1234567.0000', 'USD'],
    ['abc', null, 'USD'],
  ];
  for (const [raw, amount, ccy] of cases) {
    it(`${raw} → ${amount} ${ccy}`, async () => {
      expect(await one('CAST(of_money($1) AS VARCHAR)', raw)).toBe(amount);
      if (amount !== null) expect(await one(`of_currency_raw($1, 'USD')`, raw)).toBe(ccy);
    });
  }
});

describe('dates', () => {
  const fmts = `['%d/%m/%Y %H:%M', '%d/%m/%Y', '%b-%d-%y', '%Y/%m/%d %H:%M']::VARCHAR[]`;
  const cases: [string, string, string | null][] = [
    ['2026-03-01T10:00:00+08:00', 'UTC', '2026-03-01T02:00:00.000Z'],
    ['2026-03-01 10:00:00', 'Asia/Shanghai', '2026-03-01T02:00:00.000Z'],
    ['05/10/2026', 'UTC', '2026-10-05T00:00:00.000Z'],
    ['Oct-05-26', 'UTC', '2026-10-05T00:00:00.000Z'],
    ['2016/5/23 22:02', 'UTC', '2016-05-23T22:02:00.000Z'],
    ['1700000000000', 'UTC', '2023-11-14T22:13:20.000Z'],
    ['2026-06-28Z', 'UTC', null],
    ['31/02/2026', 'UTC', null],
    // the UTC fast path and a zone with daylight saving agree with the calendar
    ['2026-07-01 12:00:00', 'UTC', '2026-07-01T12:00:00.000Z'],
    ['2026-07-01 12:00:00', 'Europe/Paris', '2026-07-01T10:00:00.000Z'],
    // blanks and full-width digits take the folding path, plain values skip it: the same instant either way
    ['  2026-07-01 12:00:00 ', 'UTC', '2026-07-01T12:00:00.000Z'],
    ['2026-07-01  12:00:00', 'UTC', '2026-07-01T12:00:00.000Z'],
    ['２０２６-07-01', 'UTC', '2026-07-01T00:00:00.000Z'],
    ['1700000000', 'UTC', '2023-11-14T22:13:20.000Z'],
  ];
  for (const [raw, tz, want] of cases) {
    it(`${raw} (${tz}) → ${want}`, async () => {
      const v = await one(`of_ts_raw($1, $2, ${fmts})`, raw, tz);
      expect(await one(`of_ts(of_fold($1), $2, ${fmts}) IS NOT DISTINCT FROM of_ts_raw($1, $2, ${fmts})`, raw, tz)).toBe(true);
      expect(v === null || v === undefined ? null : v).toBe(want);
    });
  }
  it('reads French month names when no format matches the text as written', async () => {
    const fr = `['%d-%b.-%y', '%d-%b-%y', '%d %B %Y']::VARCHAR[]`;
    const cases: [string, string | null][] = [
      ['05-oct.-26', '2026-10-05'], ['13-févr.-26', '2026-02-13'], ['01-janv.-26', '2026-01-01'], ['07-août-26', '2026-08-07'],
      ['10-DÉC.-26', '2026-12-10'], ['11 juillet 2026', '2026-07-11'], ['02-mars-26', '2026-03-02'], ['02-marzo-26', null],
    ];
    for (const [raw, want] of cases) expect([raw, await one(`strftime(of_ts(of_fold($1), 'UTC', ${fr}), '%Y-%m-%d')`, raw)]).toEqual([raw, want]);
    expect(await one('of_month_en($1)', '13-févr.-26')).toBe('13-Feb-26');
  });
  it('keeps the original offset', async () => {
    expect(await one(`of_ts_offset($1, 'UTC')`, '2026-03-01T10:00:00+08:00')).toBe('+08:00');
    expect(await one(`of_ts_offset($1, 'Asia/Shanghai')`, '2026-03-01 10:00:00')).toBe('assumed Asia/Shanghai');
  });
});

describe('text and ids', () => {
  it('folds full-width and blanks', async () => {
    expect(await one('of_fold($1)', '  ＡＢＣ（１２）\u3000x  ')).toBe('ABC(12) x');
    expect(await one('of_fold($1)', '   ')).toBe(null);
    // the ASCII fast path trims only when an edge is blank
    expect(await one('of_fold($1)', ' a b ')).toBe('a b');
    expect(await one('of_fold($1)', 'a b')).toBe('a b');
    expect(await one('of_fold($1)', 'ab ')).toBe('ab');
  });
  it('reads a plain ISO currency code without folding, anything else as before', async () => {
    for (const raw of ['USD', ' usd ', 'ＵＳＤ', 'eur', '¥', null]) {
      expect([raw, await one(`of_currency_raw($1, 'GBP') IS NOT DISTINCT FROM of_money_currency(of_fold($1), 'GBP')`, raw)]).toEqual([raw, true]);
    }
  });
  it('cleans ids as exports mangle them', async () => {
    expect(await one('of_clean_id($1)', '="2345678901234"')).toBe('2345678901234');
    expect(await one('of_clean_id($1)', "'75008")).toBe('75008');
    expect(await one('of_clean_id($1)', '17850.0')).toBe('17850');
    expect(await one('of_clean_id($1)', '00123')).toBe('00123');
  });
  it('validates GTINs to GTIN-14', async () => {
    expect(await one('of_gtin14($1)', '012345678905')).toBe('00012345678905');
    expect(await one('of_gtin14($1)', '4006381333931')).toBe('04006381333931');
    expect(await one('of_gtin14($1)', '4006381333932')).toBe(null);
  });
  it('normalises phones to E.164 and masks names', async () => {
    expect(await one('of_phone_e164($1)', '+86 138 1234 5678')).toBe('+8613812345678');
    expect(await one('of_phone_e164($1)', "'13812345678")).toBe('+8613812345678');
    expect(await one('of_phone_e164($1)', '(555) 010-1234')).toBe('+15550101234');
    expect(await one('of_phone_e164($1)', '138****5678')).toBe(null);
    expect(await one('of_mask_name($1)', '张伟')).toBe('张*');
    expect(await one('of_mask_name($1)', 'John Smith')).toBe('J*** S***');
  });
});
