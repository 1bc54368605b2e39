import { describe, expect, it } from 'vitest';
import { answersPerSecond, recoveryAfter } from './support/scenario-report.ts';

describe('recoveryAfter', () => {
  it('is the end of the longest stall after the kill', () => {
    const answers = [0, 100, 200, 300, 5_300, 5_400, 5_500];
    expect(recoveryAfter(250, answers)).toBeCloseTo(5.05);
  });

  it('is zero when nothing stalled after the kill', () => {
    expect(recoveryAfter(10_000, [0, 100, 200])).toBe(0);
  });
});

describe('answersPerSecond', () => {
  it('counts the answers of each second after the fault, none from before it', () => {
    expect(answersPerSecond(1_000, [500, 1_000, 1_900, 2_100, 4_999])).toEqual([2, 1, 0, 1]);
  });

  it('is empty when nothing was answered after the fault', () => {
    expect(answersPerSecond(1_000, [0, 999])).toEqual([]);
  });
});
