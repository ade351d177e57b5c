// Finds the train/valid/test files of a benchmark folder (plain, WDC-sized, or two_table) so one command fits every dataset.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readDittoFile } from './ditto.js';
import { PairFileError } from './errors.js';
import { readTwoTable } from './two-table.js';
import type { PairSplits } from './types.js';

/** Training-set sizes in the order WDC names them, smallest first. */
export const SIZES = ['small', 'medium', 'large', 'xlarge'] as const;

/**
 * Reads the splits in dir: train.txt/valid.txt/test.txt, or train.txt.<size>/valid.txt.<size>/test.txt
 * (size defaults to the smallest present), or else the two_table/ form.
 */
export async function readPairSplits(dir: string, size?: string): Promise<PairSplits> {
  const names = new Set(await readdir(dir));
  const sized = SIZES.filter((s) => names.has(`train.txt.${s}`) && names.has(`valid.txt.${s}`));
  if (size !== undefined && !sized.includes(size as (typeof SIZES)[number])) {
    if (sized.length > 0 || size !== 'small') {
      throw new PairFileError(`${dir}: no train.txt.${size}/valid.txt.${size} pair (sizes present: ${sized.join(', ') || 'none'}); pick one of those`);
    }
  }
  let files: PairSplits['files'] | undefined;
  const chosen = size ?? sized[0];
  if (chosen && sized.length > 0 && names.has('test.txt')) {
    files = { train: join(dir, `train.txt.${chosen}`), valid: join(dir, `valid.txt.${chosen}`), test: join(dir, 'test.txt') };
  } else if (names.has('train.txt') && names.has('valid.txt') && names.has('test.txt')) {
    files = { train: join(dir, 'train.txt'), valid: join(dir, 'valid.txt'), test: join(dir, 'test.txt') };
  }
  if (files) {
    return { train: await readDittoFile(files.train), valid: await readDittoFile(files.valid), test: await readDittoFile(files.test), files };
  }
  if (names.has('two_table')) return readTwoTable(join(dir, 'two_table'));
  if (names.has('tableA.csv')) return readTwoTable(dir);
  throw new PairFileError(`${dir}: found no train/valid/test pair files (expected train.txt, train.txt.<size> or two_table/); point at a benchmark folder`);
}
