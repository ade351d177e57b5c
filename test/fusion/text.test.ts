// Unit tests for tokenisation, model codes, units and GTINs: the evidence the matcher's features are built on.
import { describe, expect, it } from 'vitest';
import { extractGtins, gtinCheckDigit, toGtin14 } from '../../src/fusion/text/gtin.js';
import { extractModelCodes, normalizeModelCode } from '../../src/fusion/text/model-code.js';
import { normalizeText } from '../../src/fusion/text/normalize.js';
import { charNgrams, tokenize } from '../../src/fusion/text/tokenize.js';
import { extractQuantities } from '../../src/fusion/text/units.js';

describe('normalizeText and tokenize', () => {
  it('folds full-width characters and case', () => {
    expect(normalizeText('ＳＯＮＹ　ＤＳＣ－Ｗ８３０')).toBe('sony dsc-w830');
  });
  it('splits on punctuation and keeps letter-digit tokens whole', () => {
    expect(tokenize(normalizeText('LG 24" LDS4821WW, white'))).toEqual(['lg', '24', 'lds4821ww', 'white']);
  });
  it('turns Chinese into character unigrams and bigrams', () => {
    expect(tokenize('华为手机 p30')).toEqual(['华', '华为', '为', '为手', '手', '手机', '机', 'p30']);
  });
  it('builds padded character trigrams', () => {
    expect(charNgrams('ab c')).toEqual(['#ab', 'ab ', 'b c', ' c#']);
  });
});

describe('model codes', () => {
  it('normalises separators away', () => {
    expect(normalizeModelCode('DAV-IS50/B')).toBe(normalizeModelCode('davis50b'));
    expect(normalizeModelCode('DAV-IS50/B')).toBe('davis50b');
  });
  it('extracts codes that mix letters and digits but not quantities', () => {
    const codes = extractModelCodes(normalizeText('Sony DAV-IS50/B home theater 500GB 16 GB'));
    expect(codes).toContain('davis50b');
    expect(codes).not.toContain('500gb');
  });
  it('keeps long part numbers', () => {
    expect(extractModelCodes('388504-b21 hp storageworks')).toContain('388504b21');
  });
});

describe('quantities', () => {
  it('reads 16GB, 16 G and 16 gb as the same', () => {
    const keys = ['16GB', '16 G', '16 gb'].map((s) => extractQuantities(normalizeText(s)).map((q) => q.key));
    expect(keys).toEqual([['bytes:16'], ['bytes:16'], ['bytes:16']]);
  });
  it('converts 1 TB to 1000 GB', () => {
    expect(extractQuantities('1tb hdd')[0]?.key).toBe('bytes:1000');
  });
});

describe('GTIN', () => {
  it('computes the GS1 check digit', () => {
    expect(gtinCheckDigit('03600029145')).toBe(2);
    expect(gtinCheckDigit('400638133393')).toBe(1);
  });
  it('normalises UPC-A and EAN-13 to GTIN-14', () => {
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('0036000291452')).toBe('00036000291452');
  });
  it('rejects a wrong check digit', () => {
    expect(toGtin14('036000291453')).toBeUndefined();
  });
  it('finds GTINs in text', () => {
    expect(extractGtins('upc 036000291452 blue')).toEqual(['00036000291452']);
  });
});
