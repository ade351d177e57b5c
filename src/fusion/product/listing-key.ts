// "platform:listing_id" — how people name a listing on the command line and in the review queue.
import { usageError } from '../../util/errors.js';

export interface ListingKey {
  readonly platform: string;
  readonly id: string;
}

export function parseListingKey(s: string): ListingKey {
  const at = s.indexOf(':');
  if (at <= 0 || at === s.length - 1) throw usageError(`"${s}" is not a listing key`, 'write platform:listing_id, e.g. amazon:B0MQRUJAW6 (see `omnifuse review --list`)');
  return { platform: s.slice(0, at).toLowerCase(), id: s.slice(at + 1) };
}

export const formatListingKey = (k: ListingKey) => `${k.platform}:${k.id}`;

/** Pair order used in stored decisions and candidates: (platform, id) ascending. */
export function orderPair(x: ListingKey, y: ListingKey): [ListingKey, ListingKey] {
  return x.platform < y.platform || (x.platform === y.platform && x.id <= y.id) ? [x, y] : [y, x];
}
