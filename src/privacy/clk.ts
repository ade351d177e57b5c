// Cryptographic long-term keys (CLKs) in the manner of clkhash: each field's q-grams are hashed k times with a
// keyed HMAC (double hashing) into one Bloom filter of ~1024 bits per record. Two CLKs compare by Dice.
import { createHmac } from 'node:crypto';
import { qgrams } from './name-tokens.js';

export interface ClkField {
  /** field name, part of the hash input so equal q-grams in different fields set different bits */
  name: string;
  /** hashes per q-gram: the field's weight in the filter */
  k: number;
  q?: number;
}

export interface ClkSchema {
  bits: number;
  fields: readonly ClkField[];
}

/** Customer linkage schema: name tokens weigh most, then phone fragments, postcode, city, address tokens. */
export const DEFAULT_CLK_SCHEMA: ClkSchema = {
  bits: 1024,
  fields: [
    { name: 'name', k: 20 },
    { name: 'phone', k: 12, q: 2 },
    { name: 'postcode', k: 10, q: 2 },
    { name: 'city', k: 6 },
    { name: 'address', k: 8 },
  ],
};

export type ClkRecord = Record<string, readonly string[]>;

/** Bloom filter of one record as 32-bit words. Values per field are tokens; each token's q-grams set k bits. */
export function encodeClk(key: Buffer, record: ClkRecord, schema: ClkSchema = DEFAULT_CLK_SCHEMA, cache?: Map<string, readonly [number, number]>): Uint32Array {
  const words = new Uint32Array(schema.bits / 32);
  for (const field of schema.fields) {
    for (const token of record[field.name] ?? []) {
      for (const g of qgrams(token, field.q ?? 2)) {
        const [h1, h2] = gramHash(key, `${field.name}\u0000${g}`, cache);
        for (let i = 0; i < field.k; i++) {
          const bit = (h1 + Math.imul(i, h2)) >>> 0;
          const b = bit % schema.bits;
          words[b >>> 5]! |= 1 << (b & 31);
        }
      }
    }
  }
  return words;
}

/** The two 32-bit hashes of one field q-gram (double hashing); a cache shared across records of one key saves the HMACs. */
function gramHash(key: Buffer, input: string, cache?: Map<string, readonly [number, number]>): readonly [number, number] {
  const hit = cache?.get(input);
  if (hit) return hit;
  const h = createHmac('sha256', key).update(input).digest();
  const out = [h.readUInt32BE(0), h.readUInt32BE(4) | 1] as const;
  cache?.set(input, out);
  return out;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function popcount(words: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < words.length; i++) n += popcount32(words[i]!);
  return n;
}

/** Dice coefficient 2|A∩B| / (|A|+|B|) of two filters (of equal length). */
export function dice(a: Uint32Array, b: Uint32Array, countA = popcount(a), countB = popcount(b)): number {
  let both = 0;
  for (let i = 0; i < a.length; i++) both += popcount32(a[i]! & b[i]!);
  const total = countA + countB;
  return total === 0 ? 0 : (2 * both) / total;
}
