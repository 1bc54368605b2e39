import { describe, expect, it } from 'vitest';
import { recoveryAfter } from './support/scenario-report.ts';

describe('recoveryAfter', () => {
  it('is the end of the longest stall after the kill', () => {
    const answers = [0, 100, 200, 300, 5_300, 5_400, 5_500];
    expect(recoveryAfter(250, answers)).toBeCloseTo(5.05);
  });

  it('is zero when nothing stalled after the kill', () => {
    expect(recoveryAfter(10_000, [0, 100, 200])).toBe(0);
  });
});
