// Two partners' customer files about overlapping people, built from the sample generator's persons with the
// drift real files have (张伟 vs Zhang Wei vs Wei Zhang, phone formats, short/long street forms, missing values,
// typos); families sharing a phone and address are the hard negatives. Used by the CLK tests and bench/pprl.ts.
import { Rng } from '../../src/sample/rng.js';
import { buildPeople, latinName, phoneText, type Person } from '../../src/sample/people.js';
import type { PiiRecord } from '../../src/privacy/clk-file.js';

export interface PartnerData {
  a: PiiRecord[];
  b: PiiRecord[];
  /** person key per record id */
  truth: Map<string, string>;
}

function typo(s: string, rng: Rng): string {
  if (s.length < 4) return s;
  const i = rng.int(1, s.length - 2);
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

function record(p: Person, id: string, rng: Rng): PiiRecord {
  let name = p.region === 'CN' && rng.chance(0.5) ? p.hanzi : latinName(p, rng);
  if (rng.chance(0.05)) name = typo(name, rng);
  return {
    id,
    name,
    phone: rng.chance(0.85) ? phoneText(p, rng) : null,
    postcode: rng.chance(0.9) ? p.address.zip : null,
    city: rng.chance(0.9) ? p.address.city : null,
    address: rng.chance(0.8) ? (rng.chance(0.5) ? p.address.line1Long : p.address.line1Short) : null,
    country: p.address.country,
  };
}

/** `persons` people; each is in A and in B with probability `overlap`^(1/2)-ish (0.8 each ⇒ 64% in both). */
export function partnerData(seed: number, persons: number, inEach = 0.8): PartnerData {
  const rng = new Rng(`omnifuse-pprl:${seed}`);
  const people = buildPeople(rng.fork('people'), persons);
  const drift = rng.fork('drift');
  const a: PiiRecord[] = [];
  const b: PiiRecord[] = [];
  const truth = new Map<string, string>();
  for (const p of people.persons) {
    if (drift.chance(inEach)) {
      const id = `A${a.length}`;
      a.push(record(p, id, drift));
      truth.set(id, p.key);
    }
    if (drift.chance(inEach)) {
      const id = `B${b.length}`;
      b.push(record(p, id, drift));
      truth.set(id, p.key);
    }
  }
  return { a, b, truth };
}

/** Precision, recall, F1 of one-to-one links against the truth. */
export function linkScore(data: PartnerData, links: readonly { a: string; b: string }[]): { precision: number; recall: number; f1: number; links: number; trueLinks: number } {
  const inA = new Set(data.a.map((r) => data.truth.get(r.id)));
  const trueLinks = data.b.filter((r) => inA.has(data.truth.get(r.id))).length;
  const correct = links.filter((l) => data.truth.get(l.a) === data.truth.get(l.b)).length;
  const precision = links.length === 0 ? 1 : correct / links.length;
  const recall = trueLinks === 0 ? 1 : correct / trueLinks;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), links: links.length, trueLinks };
}
