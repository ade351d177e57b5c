// Noise for differentially private releases: Laplace and Gaussian mechanisms over a uniform source that is
// cryptographic by default and seeded in tests (reproducible statistical checks).
import { randomBytes } from 'node:crypto';
import { sfc32 } from '../util/sfc32.js';

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
  const next = sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0, 15);
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
