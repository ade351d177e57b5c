// The k-th smallest of an array of numbers without sorting it (quickselect): a review queue of 5,000 pairs nearest the
// threshold out of 8 million scored pairs needs one cut value, and sorting them all took over a second.

/** The value sorted(x)[k] would hold (0-based; NaN-free input), reordering x in place; expected O(n). */
export function kthSmallest(x: Float64Array, k: number): number {
  if (k < 0 || k >= x.length) throw new RangeError(`k = ${k} is outside 0..${x.length - 1}`);
  let lo = 0;
  let hi = x.length - 1;
  while (hi > lo) {
    // median of three as the pivot: sorted or constant runs stay O(n)
    const mid = (lo + hi) >>> 1;
    const [p, q, r] = [x[lo] as number, x[mid] as number, x[hi] as number];
    const pivot = p < q ? (q < r ? q : p < r ? r : p) : p < r ? p : q < r ? r : q;
    // three-way partition: < pivot | = pivot | > pivot
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = x[i] as number;
      if (v < pivot) {
        x[i++] = x[lt] as number;
        x[lt++] = v;
      } else if (v > pivot) {
        x[i] = x[gt] as number;
        x[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return x[k] as number;
}

/**
 * Offers (s, id) to a top-k list kept sorted by score, descending, in score[0..n) / id[0..n) (arrays of length k):
 * a free slot while n < k, else it replaces the weakest when it beats it. Returns the new n.
 */
export function offerTopK(score: Float64Array, id: Int32Array, n: number, k: number, s: number, x: number): number {
  if (n === k && !(s > (score[k - 1] as number))) return n;
  let i = n < k ? n++ : k - 1;
  while (i > 0 && (score[i - 1] as number) < s) {
    score[i] = score[i - 1] as number;
    id[i] = id[i - 1] as number;
    i--;
  }
  score[i] = s;
  id[i] = x;
  return n;
}
