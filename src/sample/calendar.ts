// Expected daily order volume per platform: trend, weekly and yearly seasonality, and promotion days.
import { HISTORY_DAYS, dayStart } from './clock.js';
import { CHINESE, ORDER_SHARE, type Platform } from './platforms.js';

export interface Promotion { name: string; factor: number }

function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

/** The promotion running on a day for a platform, if any (11.11, 618, Black Friday, Prime Day…). */
export function promotionOn(dayIndex: number, platform: Platform): Promotion | null {
  const d = new Date(dayStart(dayIndex));
  const y = d.getUTCFullYear(), m = d.getUTCMonth(), day = d.getUTCDate();
  if (CHINESE.has(platform)) {
    if (m === 10 && day === 11) return { name: '双11', factor: platform === 'pinduoduo' ? 5 : 9 };
    if (m === 10 && day < 11) return { name: '双11预售', factor: 1.5 };
    if (m === 11 && day === 12) return { name: '双12', factor: 2.5 };
    if (m === 5 && day === 18) return { name: '618', factor: platform === 'jd' ? 7 : 3 };
    if (m === 5 && day >= 1 && day < 18) return { name: '618预热', factor: platform === 'jd' ? 1.4 : 1.15 };
    return null;
  }
  const thanksgiving = nthWeekdayOfMonth(y, 10, 4, 4);
  if (m === 10 && day === thanksgiving + 1) return { name: 'Black Friday', factor: 4.5 };
  if (m === 10 && day === thanksgiving + 4) return { name: 'Cyber Monday', factor: 3 };
  if (m === 11 && day === 1 && thanksgiving + 4 === 31) return { name: 'Cyber Monday', factor: 3 };
  if (platform === 'amazon' && m === 6 && (day === 8 || day === 9)) return { name: 'Prime Day', factor: 3.5 };
  if (m === 11 && day >= 15 && day <= 22) return { name: 'Holiday', factor: 1.5 };
  return null;
}

function seasonal(dayIndex: number, platform: Platform): number {
  const d = new Date(dayStart(dayIndex));
  const dow = d.getUTCDay();
  const m = d.getUTCMonth();
  const trend = 1 + 0.6 * (dayIndex / HISTORY_DAYS);
  const weekly = CHINESE.has(platform) ? [1.1, 0.95, 0.95, 0.95, 1.0, 1.05, 1.15][dow] as number : [1.15, 1.05, 0.95, 0.95, 0.95, 1.0, 1.2][dow] as number;
  const yearly = CHINESE.has(platform)
    ? [0.9, 0.65, 0.95, 1.0, 1.0, 1.1, 0.95, 0.95, 1.0, 1.0, 1.2, 1.1][m] as number
    : [0.85, 0.85, 0.95, 0.95, 1.0, 1.0, 1.0, 1.05, 0.95, 1.0, 1.25, 1.35][m] as number;
  return trend * weekly * yearly * (promotionOn(dayIndex, platform)?.factor ?? 1);
}

/** Expected orders per [platform][day], scaled so all platforms together sum to `totalOrders`. */
export function expectedOrders(totalOrders: number): Map<Platform, Float64Array> {
  const plan = new Map<Platform, Float64Array>();
  for (const [platform, share] of ORDER_SHARE) {
    const days = new Float64Array(HISTORY_DAYS);
    let sum = 0;
    for (let i = 0; i < HISTORY_DAYS; i++) { days[i] = seasonal(i, platform); sum += days[i] as number; }
    for (let i = 0; i < HISTORY_DAYS; i++) days[i] = ((days[i] as number) / sum) * totalOrders * share;
    plan.set(platform, days);
  }
  return plan;
}

/** Local hour weights: evening peak, midnight bump on Chinese promotion days. */
export function hourWeights(chinesePromo: boolean): number[] {
  const base = [2, 1, 0.5, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4, 4, 4.5, 4, 3.8, 3.8, 4, 4.5, 5, 6, 7, 7.5, 6, 4];
  if (chinesePromo) { base[0] = 25; base[1] = 8; }
  return base;
}

