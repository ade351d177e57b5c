// The personal values the sample generator writes (e-mails, phones as written, street lines), rebuilt from its seed,
// for the scans that prove none of them is stored in clear.
import { Rng } from '../../src/sample/rng.js';
import { buildPeople } from '../../src/sample/people.js';
import { SCALES, type Scale } from '../../src/sample/scale.js';

export interface PiiValues {
  emails: string[];
  phones: string[];
  streets: string[];
}

export function samplePii(seed: number, scale: Scale): PiiValues {
  const people = buildPeople(new Rng(`omnifuse-sample:${seed}`).fork('people'), SCALES[scale].persons);
  const emails = new Set<string>();
  const phones = new Set<string>();
  const streets = new Set<string>();
  for (const p of people.persons) {
    emails.add(p.email);
    phones.add(p.phone);
    for (const a of Object.values(p.accounts)) {
      if (a.email.includes('@')) emails.add(a.email);
      if (a.phoneText.replace(/\D/g, '').length >= 9) phones.add(a.phoneText);
    }
    // street lines are distinctive from the house number on; a bare street name could be a city or a brand
    for (const s of [p.address.line1Long, p.address.line1Short]) if (s.length >= 8) streets.add(s);
  }
  return { emails: [...emails], phones: [...phones], streets: [...streets] };
}

/** Which of the values occur in a byte buffer (UTF-8; GBK-encoded Chinese streets are checked as UTF-8 only). */
export function findInBytes(bytes: Buffer, values: readonly string[]): string[] {
  return values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
}
