// Order ids per platform as pure functions of a sequence number, so truth files can name orders the writers emit.

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const shopifyOrderName = (seq: number): string => `#${1000 + seq}`;
export const shopifyOrderId = (seq: number): string => String(5_610_000_000_000 + seq * 104_729);

/** `113-1234567-1234567`: the middle block is a bijection of seq, so ids never collide. */
export const amazonOrderId = (seq: number): string =>
  `${111 + (seq % 4)}-${pad((seq * 7919 + 1_234_567) % 10_000_000, 7)}-${pad((seq * 104_729 + 7_654_321) % 10_000_000, 7)}`;

/** `12-34567-89012`. */
export function ebayOrderNumber(seq: number, site: 'US' | 'FR'): string {
  const digits = pad((seq * 7919 + 1_234_567) % 10_000_000_000, 10);
  return `${site === 'FR' ? '0' : '1'}${seq % 10}-${digits.slice(0, 5)}-${digits.slice(5)}`;
}

export const ebayTransactionId = (seq: number, line: number): string => String(2_100_000_000_000 + seq * 131 + line);
export const wooOrderId = (seq: number): string => String(700 + seq);
export const taobaoOrderId = (seq: number): string => `3${pad(seq * 104_729 + 123_456_789, 12)}${pad((seq * 7919) % 1_000_000, 6)}`;
export const taobaoSubOrderId = (seq: number, line: number): string => `4${pad(seq * 104_729 + 123_456_789, 12)}${pad(line, 2)}${pad((seq * 31) % 10_000, 4)}`;
export const jdOrderId = (seq: number): string => String(280_000_000_000 + seq * 7919);

/** `260618-123456789012345`: date prefix (yymmdd) + 15 digits. */
export const pddOrderId = (seq: number, yymmdd: string): string => `${yymmdd}-${pad(seq * 104_729 + 123_456_789_012, 15)}`;
