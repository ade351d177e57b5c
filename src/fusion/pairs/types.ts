// The labelled-pair shapes every matcher reader produces, whatever the file format.

/** A record is its attribute values in source order; empty strings mean missing. */
export interface PairRecord {
  readonly attrs: Readonly<Record<string, string>>;
}

export interface LabeledPair {
  readonly left: PairRecord;
  readonly right: PairRecord;
  /** 1 = same product, 0 = different. */
  readonly label: 0 | 1;
}

export interface PairSplits {
  readonly train: readonly LabeledPair[];
  readonly valid: readonly LabeledPair[];
  readonly test: readonly LabeledPair[];
  /** Where each split was read from, for reports. */
  readonly files: { readonly train: string; readonly valid: string; readonly test: string };
}

/** Stable key of a record (its attributes in order), so repeated records share precomputed work. */
export function recordKey(r: PairRecord): string {
  return JSON.stringify(Object.entries(r.attrs));
}
