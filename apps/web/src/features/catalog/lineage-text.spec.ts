import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from './lineage-text.ts';

describe('wrapText', () => {
  it('leaves a short text on one line', () => {
    expect(wrapText('access granted', 200, 2)).toEqual(['access granted']);
  });

  it('breaks after commas and spaces, every line within the width', () => {
    const lines = wrapText('access requested, downloaded, key released, grant revoked', 130, 5);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('access requested, downloaded, key released, grant revoked');
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(130);
  });

  it('breaks a word longer than the line, and ends with … what does not fit', () => {
    const lines = wrapText('x'.repeat(100), 72, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(72);
  });

  it('measures bold text wider, and wraps it sooner', () => {
    expect(textWidth('GridMSP', true)).toBeGreaterThan(textWidth('GridMSP'));
    for (const line of wrapText('Feeder 12 load curve, every fifteen minutes', 150, 3, true)) expect(textWidth(line, true)).toBeLessThanOrEqual(150);
  });

  it('counts CJK characters as wide', () => {
    expect(textWidth('资产')).toBeGreaterThan(textWidth('ab'));
    for (const line of wrapText('馈线十二号负荷曲线二零二六年十一月全月数据', 100, 3)) expect(textWidth(line)).toBeLessThanOrEqual(100);
  });
});
