// Reader for the relational form (tableA.csv, tableB.csv, split files of ltable_id,rtable_id,label), the shape real exports have.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsv } from '../../util/csv.js';
import { PairFileError } from './errors.js';
import type { LabeledPair, PairRecord, PairSplits } from './types.js';

async function readTable(file: string): Promise<Map<string, PairRecord>> {
  const rows = parseCsv(await readFile(file, 'utf8'));
  const header = rows[0];
  if (!header || !header.includes('id')) {
    throw new PairFileError(`${file}: the header has no "id" column (got ${JSON.stringify(header)}); add one that the split files reference`);
  }
  const idAt = header.indexOf('id');
  const out = new Map<string, PairRecord>();
  for (const row of rows.slice(1)) {
    const attrs: Record<string, string> = {};
    header.forEach((h, j) => {
      if (j !== idAt) attrs[h] = row[j] ?? '';
    });
    out.set(row[idAt] ?? '', { attrs });
  }
  return out;
}

async function readSplit(file: string, a: Map<string, PairRecord>, b: Map<string, PairRecord>): Promise<LabeledPair[]> {
  const rows = parseCsv(await readFile(file, 'utf8'));
  const header = rows[0] ?? [];
  const [li, ri, yi] = ['ltable_id', 'rtable_id', 'label'].map((h) => header.indexOf(h));
  if (li === undefined || ri === undefined || yi === undefined || li < 0 || ri < 0 || yi < 0) {
    throw new PairFileError(`${file}: expected columns ltable_id,rtable_id,label, got ${JSON.stringify(header)}`);
  }
  return rows.slice(1).map((row, i) => {
    const left = a.get(row[li] ?? '');
    const right = b.get(row[ri] ?? '');
    if (!left || !right) {
      throw new PairFileError(`${file} row ${i + 2}: id ${JSON.stringify(left ? row[ri] : row[li])} is not in ${left ? 'tableB' : 'tableA'}.csv (fix the id or the table)`);
    }
    return { left, right, label: row[yi] === '1' ? 1 : 0 };
  });
}

/** Reads dir/tableA.csv, dir/tableB.csv and dir/{train,valid,test}.csv. */
export async function readTwoTable(dir: string): Promise<PairSplits> {
  const a = await readTable(join(dir, 'tableA.csv'));
  const b = await readTable(join(dir, 'tableB.csv'));
  const files = { train: join(dir, 'train.csv'), valid: join(dir, 'valid.csv'), test: join(dir, 'test.csv') };
  return {
    train: await readSplit(files.train, a, b),
    valid: await readSplit(files.valid, a, b),
    test: await readSplit(files.test, a, b),
    files,
  };
}
