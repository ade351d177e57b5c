// Time zones and date formats of the exports; pure arithmetic so output never depends on the host TZ.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Fixed "today" of the sample: history runs two years up to this date. */
export const REFERENCE_END = Date.UTC(2026, 6, 1); // 2026-07-01T00:00Z, so 2026-06-30 is the last full day
export const HISTORY_DAYS = 730;
export const HISTORY_START = REFERENCE_END - HISTORY_DAYS * DAY_MS;

export type Zone = 'UTC' | 'Asia/Shanghai' | 'America/New_York' | 'Europe/Paris';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

const p2 = (n: number): string => (n < 10 ? '0' : '') + String(n);

/** UTC ms of the n-th weekday (0=Sunday) of a month; n = -1 means the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number, hourUtc: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
    return Date.UTC(year, month, day, hourUtc);
  }
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const day = lastDay.getUTCDate() - ((lastDay.getUTCDay() - weekday + 7) % 7);
  return Date.UTC(year, month, day, hourUtc);
}

/** Daylight-saving bounds per zone and year: every written timestamp asks for its offset, so they are computed
 *  once for the years a sample can touch (others are computed on the spot). */
function dstBounds(zone: 'America/New_York' | 'Europe/Paris', year: number): readonly [number, number] {
  return zone === 'America/New_York'
    ? [nthWeekday(year, 2, 0, 2, 7), nthWeekday(year, 10, 0, 1, 6)] // 2:00 EST = 07:00Z 2nd Sunday of March; 2:00 EDT = 06:00Z 1st Sunday of November
    : [nthWeekday(year, 2, 0, -1, 1), nthWeekday(year, 9, 0, -1, 1)];
}
const FIRST_YEAR = 2000;
const DST_NY = Array.from({ length: 100 }, (_, i) => dstBounds('America/New_York', FIRST_YEAR + i));
const DST_EU = Array.from({ length: 100 }, (_, i) => dstBounds('Europe/Paris', FIRST_YEAR + i));

/** Offset from UTC in minutes, with US and EU daylight-saving rules. */
export function zoneOffsetMinutes(zone: Zone, utcMs: number): number {
  if (zone === 'UTC') return 0;
  if (zone === 'Asia/Shanghai') return 480;
  const year = new Date(utcMs).getUTCFullYear();
  const [start, end] = (zone === 'America/New_York' ? DST_NY : DST_EU)[year - FIRST_YEAR] ?? dstBounds(zone, year);
  const inDst = utcMs >= start && utcMs < end;
  return zone === 'America/New_York' ? (inDst ? -240 : -300) : inDst ? 120 : 60;
}

export interface LocalParts { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number; offset: number }

export function localParts(utcMs: number, zone: Zone): LocalParts {
  const offset = zoneOffsetMinutes(zone, utcMs);
  const t = new Date(utcMs + offset * 60_000);
  return {
    y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(),
    h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), ms: t.getUTCMilliseconds(), offset,
  };
}

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return sign + p2(Math.floor(abs / 60)) + (colon ? ':' : '') + p2(abs % 60);
}

const sqlOf = (p: LocalParts): string => `${p.y}-${p2(p.mo)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;

/** `2026-06-30 14:01:47` (no zone; the reader must know the zone). */
export function sqlLocal(utcMs: number, zone: Zone): string {
  return sqlOf(localParts(utcMs, zone));
}

/** `2026-06-30T14:01:47` without offset (WooCommerce date_created / *_gmt). */
export function isoLocalNoZone(utcMs: number, zone: Zone): string {
  return sqlLocal(utcMs, zone).replace(' ', 'T');
}

/** `2026-06-30 10:01:47 -0400` (Shopify CSV). */
export function sqlWithOffset(utcMs: number, zone: Zone): string {
  const p = localParts(utcMs, zone);
  return `${sqlOf(p)} ${offsetText(p.offset, false)}`;
}

/** `2026-06-30T10:01:47-04:00`, or `+00:00` for UTC. */
export function isoWithOffset(utcMs: number, zone: Zone): string {
  const p = localParts(utcMs, zone);
  return `${sqlOf(p).replace(' ', 'T')}${offsetText(p.offset, true)}`;
}

/** `2026-06-30T14:01:47Z`; with millis `2026-06-30T14:01:47.000Z`. */
export function isoUtc(utcMs: number, millis = false): string {
  const s = new Date(utcMs).toISOString();
  return millis ? s : s.slice(0, 19) + 'Z';
}

/** eBay US Seller Hub date `Oct-05-26`. */
export function ebayUsDate(utcMs: number, zone: Zone): string {
  const p = localParts(utcMs, zone);
  return `${MONTHS_EN[p.mo - 1]}-${p2(p.d)}-${p2(p.y % 100)}`;
}

/** eBay France Seller Hub date `05-oct.-26`. */
export function ebayFrDate(utcMs: number, zone: Zone): string {
  const p = localParts(utcMs, zone);
  return `${p2(p.d)}-${MONTHS_FR[p.mo - 1]}-${p2(p.y % 100)}`;
}

/** `30/06/2026 14:01` — the strptime `%d/%m/%Y %H:%M` shape used by the own inventory file. */
export function dmyHm(utcMs: number, zone: Zone): string {
  const p = localParts(utcMs, zone);
  return `${p2(p.d)}/${p2(p.mo)}/${p.y} ${p2(p.h)}:${p2(p.mi)}`;
}

/** Zone abbreviation used by Amazon US listing reports (`PDT`/`PST`). */
export function pacificStamp(utcMs: number): string {
  // Pacific follows the US rule with a 3-hour shift from New York.
  const ny = zoneOffsetMinutes('America/New_York', utcMs + 3 * HOUR_MS);
  const offset = ny - 180;
  const t = new Date(utcMs + offset * 60_000);
  const text = t.toISOString().slice(0, 19).replace('T', ' ');
  return `${text} ${offset === -420 ? 'PDT' : 'PST'}`;
}

/** Day index (0 … HISTORY_DAYS-1) → UTC midnight of that calendar day. */
export function dayStart(dayIndex: number): number {
  return HISTORY_START + dayIndex * DAY_MS;
}

export function ymd(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}
