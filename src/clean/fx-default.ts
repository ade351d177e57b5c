// Bundled default exchange rates (units of USD per unit of currency), used until the user imports their own.
export const DEFAULT_FX_AS_OF = '2026-06-30';
export const DEFAULT_FX_SOURCE = 'omnifuse bundled default (approximate mid rates, 2026-06-30)';

export const DEFAULT_FX_TO_USD: Record<string, string> = {
  USD: '1', EUR: '1.08', GBP: '1.27', CNY: '0.138', JPY: '0.0064', CAD: '0.73', AUD: '0.66', HKD: '0.128', TWD: '0.031',
  BRL: '0.18', INR: '0.012', KRW: '0.00072', CHF: '1.12', SEK: '0.095', NOK: '0.093', DKK: '0.145', PLN: '0.25',
  MXN: '0.055', SGD: '0.74', NZD: '0.6',
};
