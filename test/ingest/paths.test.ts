// Which files a folder argument expands to: hidden files, truth/ and mapping files below the folder are skipped,
// whatever the folder's own path looks like (a "../exports" argument used to lose every file).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../../src/ingest/ingest.js';

describe('expandPaths', () => {
  it('skips hidden, truth/ and mapping files below the folder, and accepts a folder given as ../x', () => {
    const root = mkdtempSync(join(tmpdir(), 'omnifuse-paths-'));
    try {
      const dir = join(root, 'exports');
      mkdirSync(join(dir, 'truth'), { recursive: true });
      mkdirSync(join(root, 'cwd'));
      for (const f of ['a.csv', 'b.json', '.hidden.csv', 'a.mapping.yaml', 'truth/listings.csv']) writeFileSync(join(dir, f), 'x\n');
      const viaParent = expandPaths([relative(join(root, 'cwd'), dir).replace(/^/, join(root, 'cwd') + '/')]);
      expect(viaParent.map((p) => relative(dir, p)).sort()).toEqual(['a.csv', 'b.json']);
      expect(expandPaths([dir]).map((p) => relative(dir, p)).sort()).toEqual(['a.csv', 'b.json']);
      // a file named on the command line is taken as it is
      expect(expandPaths([join(dir, 'truth/listings.csv')])).toHaveLength(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
