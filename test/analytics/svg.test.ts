import { describe, expect, it } from 'vitest';
import { barChart, lineChart, niceTicks } from '../../src/report/svg.js';

describe('svg charts', () => {
  it('draws a line chart with a gap, an interval band, a marker and escaped labels', () => {
    const svg = lineChart({
      title: 'A & B <demand>', x: ['d1', 'd2', 'd3', 'd4'], marker: 2,
      series: [{ name: 'actual', values: [1, null, 3, 4] }, { name: 'fc', values: [null, null, 3, 5], dashed: true }],
      bands: [{ name: '80%', lower: [null, null, 2, 3], upper: [null, null, 4, 7] }],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('A &#38; B &#60;demand&#62;');
    // the gap splits "actual" into two polylines; the forecast is one
    expect(svg.match(/<polyline/g)?.length).toBe(3);
    expect(svg).toContain('<polygon');
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).not.toContain('NaN');
  });

  it('draws grouped bars, vertical and horizontal, with negative values below the axis', () => {
    const v = barChart({ categories: ['a', 'b', 'c'], series: [{ name: 'x', values: [3, -1, 2] }, { name: 'y', values: [1, 2, 0] }] });
    expect(v.match(/<rect x=/g)?.length).toBe(6 + 2); // 6 bars + 2 legend swatches
    const h = barChart({ categories: ['long category name'], series: [{ name: 'n', values: [5] }], horizontal: true });
    expect(h).toContain('long category name');
    expect(h).not.toContain('NaN');
  });

  it('picks round ticks that cover the range', () => {
    expect(niceTicks(0, 9.3)).toEqual([0, 2, 4, 6, 8, 10]);
    const t = niceTicks(-3, 48);
    expect(t[0]).toBeLessThanOrEqual(-3);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(48);
  });
});
