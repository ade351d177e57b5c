// Noise for differentially private releases: Laplace and Gaussian mechanisms over a uniform source that is
// cryptographic by default and seeded in tests (reproducible statistical checks).
import { randomBytes } from 'node:crypto';

/** A uniform draw in (0, 1). */
export type Uniform = () => number;

export function cryptoUniform(): Uniform {
  return () => {
    const b = randomBytes(7);
    const n = ((b.readUInt32BE(0) & 0x1fffff) * 2 ** 32 + b.readUInt32BE(3)) / 2 ** 53;
    return n === 0 ? 2 ** -53 : n;
  };
}

/** Seeded uniform (sfc32), for tests and reproducible benchmarks only: never for real releases. */
export function seededUniform(seed: number): Uniform {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return () => {
    const x = next();
    return x === 0 ? 2 ** -33 : x;
  };
}

/** Laplace(0, scale) by inverse CDF. */
export function laplace(scale: number, u: Uniform): number {
  const x = u() - 0.5;
  return -scale * Math.sign(x) * Math.log(1 - 2 * Math.abs(x));
}

/** N(0, sigma²) by Box-Muller. */
export function gaussian(sigma: number, u: Uniform): number {
  return sigma * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** Laplace scale for L1 sensitivity Δ at ε: b = Δ/ε (standard deviation √2·b). */
export const laplaceScale = (sensitivity: number, epsilon: number) => sensitivity / epsilon;

/** Classic Gaussian mechanism σ = Δ₂·√(2 ln(1.25/δ))/ε (Dwork & Roth, Thm 3.22; stated for ε < 1). */
export const gaussianSigma = (sensitivity: number, epsilon: number, delta: number) => (sensitivity * Math.sqrt(2 * Math.log(1.25 / delta))) / epsilon;
