// E-mail normalisation before hashing, and marketplace relay addresses that must never link two accounts.

export interface EmailOptions {
  /** provider rules: Gmail ignores dots in the local part and everything after '+'; Outlook/Hotmail/iCloud/Yahoo-style
   *  '+tags' are dropped for those domains. Off by default: ingest stores what the buyer typed, lower-cased. */
  providerRules?: boolean;
}

const PLUS_DOMAINS = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'fastmail.com', 'protonmail.com', 'proton.me']);
const DOT_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** Lower-cased, trimmed address (full-width folded), or null when it is not an address. */
export function normaliseEmail(text: string | null | undefined, opts: EmailOptions = {}): string | null {
  if (text === null || text === undefined) return null;
  const s = text.normalize('NFKC').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)) return null;
  if (!opts.providerRules) return s;
  const at = s.lastIndexOf('@');
  let local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (PLUS_DOMAINS.has(domain)) local = local.split('+')[0] ?? local;
  if (DOT_DOMAINS.has(domain)) local = local.replaceAll('.', '');
  return local === '' ? null : `${local}@${domain}`;
}

/** Domains of marketplace relay (proxy) mailboxes: one per buyer per marketplace, unrelated to the real mailbox. */
export const RELAY_DOMAINS: readonly string[] = [
  'marketplace.amazon.com', 'marketplace.amazon.co.uk', 'marketplace.amazon.de', 'marketplace.amazon.fr', 'marketplace.amazon.it',
  'marketplace.amazon.es', 'marketplace.amazon.ca', 'marketplace.amazon.co.jp', 'marketplace.amazon.com.au', 'marketplace.amazon.in',
  'members.ebay.com', 'members.ebay.co.uk', 'members.ebay.de', 'members.ebay.fr', 'relay.walmart.com', 'etsy-relay.com',
  'privaterelay.appleid.com', 'relay.firefox.com', 'mozmail.com', 'duck.com', 'scs.tiktokw.us', 'user.noreply.temu.com',
];

/** True for a relay address (…@marketplace.amazon.com, Apple Hide-My-Email, eBay member relays, ...). */
export function isRelayEmail(text: string | null | undefined): boolean {
  const s = normaliseEmail(text);
  if (s === null) return false;
  const domain = s.slice(s.lastIndexOf('@') + 1);
  return RELAY_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`)) || /^marketplace\.amazon\./.test(domain);
}
