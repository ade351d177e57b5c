// What the API masks for callers without the pii scope — and what it must leave readable (dates, order ids, amounts).
import { describe, expect, it } from 'vitest';
import { maskId, maskRaw, maskText } from '../../src/server/mask.js';

describe('masking without the pii scope', () => {
  it('masks e-mails and phone numbers in free text, not dates, order ids or amounts', () => {
    const out = maskText('call +1 206 555 0134 or 13880617366 on 2024-07-22T21:22:14+00:00 order 111-2223334-4445556 total 1433.66 mail jane.doe@example.com')!;
    expect(out).not.toMatch(/555 0134|13880617366|jane\.doe/);
    expect(out).toContain('2024-07-22T21:22:14+00:00');
    expect(out).toContain('111-2223334-4445556');
    expect(out).toContain('1433.66');
    expect(out).toContain('j***@e***.com');
  });
  it('masks personal fields of a raw JSON record by name, keeps product fields', () => {
    const m = JSON.parse(maskRaw(JSON.stringify({ 'buyer-name': 'Jane Doe', 收货人: '张三', 'product-name': 'Kettle 1.7L', sku: 'K-1', 'ship-address-1': '12 Main St' }))!) as Record<string, string>;
    expect(m['buyer-name']).not.toContain('Jane');
    expect(m['收货人']).toBe('张*');
    expect(m['ship-address-1']).not.toContain('Main');
    expect(m).toMatchObject({ 'product-name': 'Kettle 1.7L', sku: 'K-1' });
    expect(maskRaw('not json, mail a@b.com')).toBe('not json, mail a***@b***.com');
    expect(maskId('U1000150')).toBe('U1******');
  });
});
