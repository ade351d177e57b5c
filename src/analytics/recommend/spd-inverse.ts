// In-place inverse of a symmetric positive-definite matrix (row-major), for EASE's (XᵀX + λI)⁻¹.
// Gauss-Jordan without pivoting is stable for SPD matrices and keeps the inner loop on contiguous rows.
export function invertSpd(a: Float64Array, n: number): void {
  const rowK = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const p = a[k * n + k]!;
    if (!(p > 0)) throw new Error(`matrix is not positive definite at row ${k} (pivot ${p}); raise the L2 penalty`);
    a[k * n + k] = 1;
    for (let j = 0; j < n; j++) rowK[j] = a[k * n + j]! / p;
    a.set(rowK, k * n);
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const base = i * n;
      const f = a[base + k]!;
      if (f === 0) continue;
      a[base + k] = 0;
      for (let j = 0; j < n; j++) a[base + j]! -= f * rowK[j]!;
    }
  }
}
