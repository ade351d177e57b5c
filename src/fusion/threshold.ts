// Precision/recall/F1 and the F1-maximising decision threshold, chosen on validation scores only.

export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function confusion(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < scores.length; i++) {
    const pred = (scores[i] as number) >= threshold;
    const y = (labels[i] as number) === 1;
    if (pred && y) tp++;
    else if (pred) fp++;
    else if (y) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

export function prf(c: Confusion): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Threshold with the best F1 on (validation) scores: candidates are midpoints between consecutive distinct scores,
 * so the cut does not sit exactly on a validation score. Ties go to the threshold nearest 0.5.
 */
export function bestF1Threshold(scores: ArrayLike<number>, labels: ArrayLike<number>): { threshold: number } & Prf {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let totalPos = 0;
  for (let i = 0; i < labels.length; i++) totalPos += labels[i] as number;
  let tp = 0;
  let fp = 0;
  let best = { threshold: 0.5, precision: 0, recall: 0, f1: -1 };
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    if ((labels[i] as number) === 1) tp++;
    else fp++;
    const s = scores[i] as number;
    const next = k + 1 < idx.length ? (scores[idx[k + 1] as number] as number) : s - 1e-6;
    if (next === s) continue;
    const threshold = (s + Math.max(next, 0)) / 2;
    const r = prf({ tp, fp, fn: totalPos - tp, tn: 0 });
    const better = r.f1 > best.f1 + 1e-12 || (Math.abs(r.f1 - best.f1) <= 1e-12 && Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5));
    if (better) best = { threshold, ...r };
  }
  return best;
}
