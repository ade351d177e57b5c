// Ranking metrics for a binary score: ROC AUC (Mann-Whitney, ties averaged) and precision in the top decile.

export function auc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[idx[k]!] === 1) {
        rankSumPos += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = y.length - pos;
  return pos && neg ? (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg) : NaN;
}

/** Share of positives among the highest-scored `fraction` of rows (precision@decile for 0.1). */
export function precisionAtFraction(y: ArrayLike<number>, score: ArrayLike<number>, fraction = 0.1): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
  const n = Math.max(1, Math.round(y.length * fraction));
  let hit = 0;
  for (let k = 0; k < n; k++) hit += y[idx[k]!]!;
  return hit / n;
}
