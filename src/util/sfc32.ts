// sfc32 (Chris Doty-Humphrey's small fast counting generator): 128 bits of state, uniform doubles in [0, 1).

/** A generator from four 32-bit state words, advanced `warmup` times before its first draw. */
export function sfc32(a: number, b: number, c: number, d: number, warmup: number): () => number {
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < warmup; i++) next();
  return next;
}
