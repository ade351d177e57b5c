// Readers for Ditto pair files, two-table CSV and dataset discovery, on inline text and on the real benchmark files.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/util/csv.js';
import { readPairSplits } from '../../src/fusion/pairs/discover.js';
import { parseDittoLines, parseDittoRecord } from '../../src/fusion/pairs/ditto.js';

const DATA = '../shared/data/entity-matching';

describe('Ditto reader', () => {
  it('parses attributes, including empty values', () => {
    expect(parseDittoRecord("COL name VAL lg 24 ' lds4821ww COL description VAL  COL price VAL 9.5").attrs).toEqual({
      name: "lg 24 ' lds4821ww",
      description: '',
      price: '9.5',
    });
  });
  it('parses a pair line with its label', () => {
    const [p] = parseDittoLines('COL title VAL a b\tCOL title VAL c\t1\n', 'x.txt');
    expect(p?.label).toBe(1);
    expect(p?.right.attrs).toEqual({ title: 'c' });
  });
  it('names the line and the fix for a malformed line', () => {
    expect(() => parseDittoLines('COL title VAL a\n', 'bad.txt')).toThrow(/Line 1 of bad.txt/);
  });
  it('finds the smallest WDC size by default', async () => {
    const s = await readPairSplits(`${DATA}/wdc_cameras`);
    expect(s.files.train).toMatch(/train\.txt\.small$/);
    expect(s.train).toHaveLength(1409);
    expect(s.test).toHaveLength(1057);
  });
});

describe('two-table reader', () => {
  it('parses quoted CSV fields', () => {
    expect(parseCsv('id,name\n1,"a, ""b"""\r\n2,c\n')).toEqual([['id', 'name'], ['1', 'a, "b"'], ['2', 'c']]);
  });
  it('reads the relational abt_buy splits with the same sizes as the Ditto files', async () => {
    const s = await readPairSplits(`${DATA}/abt_buy/two_table`);
    expect([s.train.length, s.valid.length, s.test.length]).toEqual([5743, 1916, 1916]);
    expect(s.train.filter((p) => p.label === 1)).toHaveLength(616);
  });
});
