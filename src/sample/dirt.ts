// Ledger of deliberately injected dirt, written to truth/dirt.json so cleaning steps can be scored exactly.

export type DirtKind = 'duplicate' | 'malformed' | 'missing' | 'outlier';

export interface DirtEntry { row: number; column?: string; value?: string; why: string }

interface FileDirt {
  counts: Record<DirtKind, number>;
  rows: Record<DirtKind, DirtEntry[]>;
}

/** Row lists are capped so the large scale keeps a small ledger; counts stay exact. */
const MAX_LISTED = 500;

export class DirtLedger {
  private readonly files = new Map<string, FileDirt>();

  note(file: string, kind: DirtKind, entry: DirtEntry): void {
    let f = this.files.get(file);
    if (!f) {
      f = {
        counts: { duplicate: 0, malformed: 0, missing: 0, outlier: 0 },
        rows: { duplicate: [], malformed: [], missing: [], outlier: [] },
      };
      this.files.set(file, f);
    }
    f.counts[kind]++;
    if (f.rows[kind].length < MAX_LISTED) f.rows[kind].push(entry);
  }

  toJSON(): object {
    const files: Record<string, FileDirt> = {};
    for (const name of [...this.files.keys()].sort()) files[name] = this.files.get(name) as FileDirt;
    return {
      note: 'row = 1-based data record number in the file (header, blank lines and footers not counted; ' +
        'for JSON arrays the element index + 1). Row lists are capped at 500 per kind; counts are exact.',
      files,
    };
  }
}
