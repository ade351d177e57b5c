// The .clk file a partner receives: NDJSON, a header line (format, bits, schema, blocking) then one line per
// record {id, clk (base64 Bloom filter), blocks (keyed block-key hashes)}. No plain PII anywhere in it.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inputError } from '../util/errors.js';
import { DEFAULT_CLK_SCHEMA, encodeClk, popcount, type ClkRecord, type ClkSchema } from './clk.js';
import { subKey } from './hmac.js';
import { nameTokens } from './name-tokens.js';
import { phoneFragment } from './phone.js';

export const CLK_FORMAT = 'omnifuse-clk';

export interface PiiRecord {
  id: string;
  name?: string | null;
  phone?: string | null;
  postcode?: string | null;
  city?: string | null;
  address?: string | null;
  country?: string | null;
}

export interface EncodedRecord {
  id: string;
  clk: Uint32Array;
  count: number;
  blocks: string[];
}

export interface ClkFile {
  bits: number;
  schema: ClkSchema;
  records: EncodedRecord[];
}

const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').toLowerCase().replace(/\p{M}/gu, '').trim();
const addressTokens = (s: string | null | undefined) => norm(s).normalize('NFD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);

/** The tokens each CLK field hashes: pinyin-aware name tokens, the phone fragment, postcode, city, address words. */
export function clkFields(r: PiiRecord): ClkRecord {
  const frag = phoneFragment(r.phone ?? null, r.country ?? undefined);
  return {
    name: nameTokens(r.name ?? null),
    phone: frag ? [frag.replace('****', '')] : [],
    postcode: r.postcode ? [norm(r.postcode).replace(/[\s'-]/g, '')] : [],
    city: r.city ? [norm(r.city)] : [],
    address: addressTokens(r.address),
  };
}

/** Keyed block keys (blockKey = the 'clk-block' sub-key): the phone fragment; the full name with the postcode
 *  prefix or with the city; the name's initials with the full postcode (survives a typo inside a name). A name
 *  alone is no block: 张伟 is thousands, and a name token with a Chinese postcode is still hundreds. */
export function blockKeys(blockKey: Buffer, f: ClkRecord): string[] {
  const keys: string[] = [];
  const name = (f.name ?? []).join(' ');
  const pc = (f.postcode ?? [])[0];
  const city = (f.city ?? [])[0];
  const ph = (f.phone ?? [])[0];
  if (ph) keys.push(`p:${ph}`);
  if (name && pc) keys.push(`np:${name}|${pc.slice(0, 3)}`);
  if (name && city) keys.push(`nc:${name}|${city}`);
  const initials = (f.name ?? []).map((t) => t[0]).join('');
  if (pc && initials) keys.push(`ip:${initials}|${pc}`);
  return keys.map((k) => createHmac('sha256', blockKey).update(k).digest('hex').slice(0, 16));
}

/** An encoder bound to one key: sub-keys derived once, q-gram hashes cached across records. */
export function clkEncoder(key: Buffer, schema: ClkSchema = DEFAULT_CLK_SCHEMA): (r: PiiRecord) => EncodedRecord {
  const clkKey = subKey(key, 'clk');
  const blockKey = subKey(key, 'clk-block');
  const cache = new Map<string, readonly [number, number]>();
  return (r) => {
    const f = clkFields(r);
    const clk = encodeClk(clkKey, f, schema, cache);
    return { id: r.id, clk, count: popcount(clk), blocks: blockKeys(blockKey, f) };
  };
}

export const encodeRecord = (key: Buffer, r: PiiRecord, schema: ClkSchema = DEFAULT_CLK_SCHEMA): EncodedRecord => clkEncoder(key, schema)(r);

export function writeClkLines(records: readonly EncodedRecord[], schema: ClkSchema = DEFAULT_CLK_SCHEMA): string[] {
  const header = JSON.stringify({ format: CLK_FORMAT, version: 1, bits: schema.bits, schema, records: records.length });
  return [header, ...records.map((r) => JSON.stringify({ id: r.id, clk: Buffer.from(r.clk.buffer, r.clk.byteOffset, r.clk.byteLength).toString('base64'), blocks: r.blocks }))];
}

export function parseClk(text: string, path = 'input'): ClkFile {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const head = JSON.parse(lines[0] ?? '{}') as { format?: string; bits?: number; schema?: ClkSchema };
  if (head.format !== CLK_FORMAT || !head.bits || !head.schema) throw inputError(`${path} is not an omnifuse CLK file`, 'make one with `omnifuse privacy encode`');
  const words = head.bits / 32;
  const records = lines.slice(1).map((l, i) => {
    const r = JSON.parse(l) as { id: string; clk: string; blocks?: string[] };
    const buf = Buffer.from(r.clk, 'base64');
    if (buf.length !== words * 4) throw inputError(`${path} record ${i + 1}: filter has ${buf.length * 8} bits, header says ${head.bits}`);
    const clk = new Uint32Array(words);
    for (let w = 0; w < words; w++) clk[w] = buf.readUInt32LE(w * 4);
    return { id: r.id, clk, count: popcount(clk), blocks: r.blocks ?? [] };
  });
  return { bits: head.bits, schema: head.schema, records };
}

export const readClk = (path: string) => parseClk(readFileSync(path, 'utf8'), path);
